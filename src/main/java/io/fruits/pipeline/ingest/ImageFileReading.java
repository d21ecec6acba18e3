package io.fruits.pipeline.ingest;

import java.io.EOFException;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;

/**
 * Reads one whole image file into an {@link ImageFile}. A file longer than {@link
 * IngestKeys#MAX_BYTES} is not read at all: its listed length marks it {@link ImageFile#tooLarge()}
 * and nothing is allocated for it. A file that cannot be read for reasons of
 * its own (gone since listing, no permission, larger than an array) becomes a record with a read
 * error, so it is rejected and counted; any other I/O failure propagates and the task is retried.
 *
 * <p>Files of Hadoop's own local file system are read with a plain {@link FileInputStream}: its
 * checksummed streams look for a {@code .crc} file and stat the file for every open, which costs
 * about 100 µs per small photo against 7 µs, and image files never have {@code .crc} companions.
 */
public final class ImageFileReading {

  private ImageFileReading() {}

  public static void read(Path path, long length, long modified, Configuration conf, ImageFile into)
      throws IOException {
    into.reset(path.toString(), length, modified);
    long maxBytes = IngestKeys.maxBytes(conf);
    if (length > maxBytes) {
      into.setTooLarge(maxBytes);
      return;
    }
    FileSystem fs = path.getFileSystem(conf);
    byte[] buffer = into.buffer((int) length);
    try {
      if (isPlainLocal(fs)) {
        readLocal(((LocalFileSystem) fs).pathToFile(path), buffer, (int) length);
      } else {
        try (FSDataInputStream in = fs.open(path)) {
          in.readFully(0, buffer, 0, (int) length);
        }
      }
      into.setByteCount((int) length);
    } catch (AccessControlException | AccessDeniedException | FileNotFoundException | EOFException e) {
      // AccessDeniedException: S3A's translation of any 403 (no permission, KMS key denied,
      // archived object answering InvalidObjectState); S3A does not retry it.
      into.setReadError(e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
    } catch (IOException e) {
      // The local file system reports a permission problem as a plain IOException.
      if (isPermissionDenied(e)) {
        into.setReadError("permission denied");
      } else {
        throw e;
      }
    }
  }

  /** Hadoop's local file system itself: a subclass (a test's, say) may change how files open. */
  private static boolean isPlainLocal(FileSystem fs) {
    return fs.getClass() == LocalFileSystem.class;
  }

  /** Reads the first {@code length} bytes of a local file. */
  private static void readLocal(File file, byte[] buffer, int length) throws IOException {
    try (FileInputStream in = new FileInputStream(file)) {
      int read = in.readNBytes(buffer, 0, length);
      if (read < length) {
        throw new EOFException(file + " has " + read + " bytes, the listing said " + length);
      }
    }
  }

  private static boolean isPermissionDenied(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.contains("Permission denied")) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
