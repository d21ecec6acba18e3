package io.fruits.pipeline.ingest;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;

/**
 * Reads one whole image file into an {@link ImageFile}. A file that cannot be read for reasons of
 * its own (gone since listing, no permission, larger than an array) becomes a record with a read
 * error, so it is rejected and counted; any other I/O failure propagates and the task is retried.
 */
public final class ImageFileReading {

  private ImageFileReading() {}

  public static void read(Path path, long length, long modified, Configuration conf, ImageFile into)
      throws IOException {
    into.reset(path.toString(), length, modified);
    if (length > Integer.MAX_VALUE - 8) {
      into.setReadError("file of " + length + " bytes is larger than a Java array");
      return;
    }
    FileSystem fs = path.getFileSystem(conf);
    byte[] buffer = into.buffer((int) length);
    try (FSDataInputStream in = fs.open(path)) {
      in.readFully(0, buffer, 0, (int) length);
      into.setByteCount((int) length);
    } catch (AccessControlException | FileNotFoundException | EOFException e) {
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
