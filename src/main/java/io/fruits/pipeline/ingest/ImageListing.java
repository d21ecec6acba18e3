package io.fruits.pipeline.ingest;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;

/**
 * A listing of image files (path, length, modification time) saved to a file as the driver walks
 * the input, so the embed job reads the list the driver chose instead of walking the input again.
 * Records are appended one at a time ({@link Writer}), so writing one holds no list in memory.
 *
 * <p>Format: int version 2, then per file a byte 1, the path ({@link Text#writeString}), long
 * length and long modification time (ms since the epoch), and a final byte 0, whose absence
 * shows a truncated file.
 */
public final class ImageListing {

  private static final int VERSION = 2;

  private ImageListing() {}

  /** Appends files to a new listing and counts them; {@link #close} completes it. */
  public static final class Writer implements Closeable {
    private final DataOutputStream out;
    private long files;
    private long bytes;

    private Writer(DataOutputStream out) throws IOException {
      this.out = out;
      out.writeInt(VERSION);
    }

    public void add(FileStatus image) throws IOException {
      out.writeByte(1);
      Text.writeString(out, image.getPath().toString());
      out.writeLong(image.getLen());
      out.writeLong(image.getModificationTime());
      files++;
      bytes += image.getLen();
    }

    /** Files added so far. */
    public long files() {
      return files;
    }

    /** Their total length. */
    public long bytes() {
      return bytes;
    }

    @Override
    public void close() throws IOException {
      try (out) {
        out.writeByte(0);
      }
    }
  }

  /** A new listing at {@code file}, replacing any older one. */
  public static Writer create(Configuration conf, Path file) throws IOException {
    return new Writer(new DataOutputStream(file.getFileSystem(conf).create(file, true)));
  }

  public static void write(Configuration conf, Path file, List<? extends FileStatus> images)
      throws IOException {
    try (Writer writer = create(conf, file)) {
      for (FileStatus image : images) {
        writer.add(image);
      }
    }
  }

  /** The listed files; block locations are looked up by whoever needs them. */
  public static List<FileStatus> read(Configuration conf, Path file) throws IOException {
    List<FileStatus> images = new ArrayList<>();
    forEach(conf, file, images::add);
    return images;
  }

  /**
   * A digest of the listed files (path, length, modification time) that does not depend on their
   * order, which differs between file systems, so two listings of one input compare equal
   * whatever order each was walked in. Streams the listing: no memory grows with its size.
   */
  public static String digest(Configuration conf, Path file) throws IOException {
    MessageDigest sha256 = sha256();
    long[] sums = new long[2];
    long[] count = new long[1];
    forEach(conf, file, image -> {
      sha256.update(image.getPath().toString().getBytes(StandardCharsets.UTF_8));
      ByteBuffer numbers = ByteBuffer.allocate(2 * Long.BYTES)
          .putLong(image.getLen()).putLong(image.getModificationTime());
      ByteBuffer hash = ByteBuffer.wrap(sha256.digest(numbers.array()));
      sums[0] += hash.getLong();
      sums[1] += hash.getLong();
      count[0]++;
    });
    return count[0] + ":" + Long.toHexString(sums[0]) + Long.toHexString(sums[1]);
  }

  private static void forEach(Configuration conf, Path file, Consumer<FileStatus> action)
      throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    try (DataInputStream in = new DataInputStream(fs.open(file))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(file + " is not an image listing of version " + VERSION);
      }
      long blockSize = fs.getDefaultBlockSize(file);
      while (in.readByte() == 1) {
        Path path = new Path(Text.readString(in));
        long length = in.readLong();
        long modified = in.readLong();
        action.accept(new FileStatus(length, false, 1, blockSize, modified, path));
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
