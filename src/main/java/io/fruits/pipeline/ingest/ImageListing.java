package io.fruits.pipeline.ingest;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableUtils;

/**
 * A listing of image files (path, length, modification time) saved to a file as the driver walks
 * the input, so the embed job reads the list the driver chose instead of walking the input again.
 * It is written and read one record at a time, so neither side holds the list in memory: splits
 * name byte ranges of it ({@link ListingSplit}).
 *
 * <p>Format: int version 3, then per file a byte 1, the path ({@link Text#writeString}), long
 * length and long modification time (ms since the epoch); then a byte 0, whose absence shows a
 * truncated file, and the totals: long file count and long byte count, read from the end.
 */
public final class ImageListing {

  private static final int VERSION = 3;
  /** The header's size: where the first record starts. */
  static final long FIRST_RECORD = Integer.BYTES;
  private static final int TRAILER = 2 * Long.BYTES;

  private ImageListing() {}

  /** The number of files in a listing and their total length. */
  public record Totals(long files, long bytes) {}

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
      add(image.getPath().toString(), image.getLen(), image.getModificationTime());
    }

    public void add(String path, long length, long modified) throws IOException {
      out.writeByte(1);
      Text.writeString(out, path);
      out.writeLong(length);
      out.writeLong(modified);
      files++;
      bytes += length;
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
        out.writeLong(files);
        out.writeLong(bytes);
      }
    }
  }

  /**
   * Reads a listing's records in order from a given record's offset, tracking the offset of the
   * next one. The path, length and time of the current record are valid until the next call.
   */
  public static final class Reader implements Closeable {
    private final Path file;
    private final DataInputStream in;
    private final Totals totals;
    private long position;
    private boolean ended;
    private byte[] pathBuffer = new byte[256];
    private String path;
    private long length;
    private long modified;

    private Reader(Path file, DataInputStream in, long position, Totals totals) {
      this.file = file;
      this.in = in;
      this.position = position;
      this.totals = totals;
    }

    /** The listing's totals, when it was opened from its start. */
    public Totals totals() {
      if (totals == null) {
        throw new IllegalStateException(file + " was opened at a record, without its totals");
      }
      return totals;
    }

    /** Moves to the next record; false at the end of the listing. */
    public boolean next() throws IOException {
      if (ended) {
        return false;
      }
      try {
        if (in.readByte() != 1) {
          ended = true;
          return false;
        }
        int pathBytes = WritableUtils.readVInt(in);
        if (pathBuffer.length < pathBytes) {
          pathBuffer = new byte[Math.max(pathBytes, 2 * pathBuffer.length)];
        }
        in.readFully(pathBuffer, 0, pathBytes);
        path = Text.decode(pathBuffer, 0, pathBytes);
        length = in.readLong();
        modified = in.readLong();
        position += 1 + WritableUtils.getVIntSize(pathBytes) + pathBytes + 2L * Long.BYTES;
      } catch (EOFException e) {
        throw new IOException(file + " is truncated after byte " + position, e);
      }
      return true;
    }

    /** The listing being read. */
    public Path file() {
      return file;
    }

    /** The offset of the record after the current one. */
    public long position() {
      return position;
    }

    public String path() {
      return path;
    }

    public long length() {
      return length;
    }

    public long modified() {
      return modified;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** A new listing at {@code file}, replacing any older one. */
  public static Writer create(Configuration conf, Path file) throws IOException {
    return new Writer(new DataOutputStream(file.getFileSystem(conf).create(file, true)));
  }

  /**
   * Reads {@code file} from its first record, with its {@link Reader#totals()}: one open, as the
   * driver makes splits.
   */
  public static Reader open(Configuration conf, Path file) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    long size = fs.getFileStatus(file).getLen();
    FSDataInputStream in = fs.open(file);
    try {
      checkVersion(file, in.readInt());
      if (size < FIRST_RECORD + 1 + TRAILER) {
        throw new IOException(file + " is not a complete image listing (" + size + " bytes)");
      }
      in.seek(size - TRAILER - 1);
      if (in.readByte() != 0) {
        throw new IOException(file + " is not a complete image listing: its end mark is missing");
      }
      Totals totals = new Totals(in.readLong(), in.readLong());
      in.seek(FIRST_RECORD);
      return new Reader(file, buffered(in), FIRST_RECORD, totals);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Reads {@code file} from the record at {@code offset} (a {@link Reader#position()}), as a map
   * task reads its split; {@link Reader#totals()} is unknown.
   */
  public static Reader open(Configuration conf, Path file, long offset) throws IOException {
    FSDataInputStream in = file.getFileSystem(conf).open(file);
    try {
      checkVersion(file, in.readInt());
      in.seek(offset);
      return new Reader(file, buffered(in), offset, null);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * A digest of the listed files (path, length, modification time) that does not depend on their
   * order, which differs between file systems, so two listings of one input compare equal
   * whatever order each was walked in. Streams the listing: no memory grows with its size.
   */
  public static String digest(Configuration conf, Path file) throws IOException {
    MessageDigest sha256 = sha256();
    long[] sums = new long[2];
    long count = 0;
    try (Reader images = open(conf, file, FIRST_RECORD)) {
      while (images.next()) {
        sha256.update(images.path().getBytes(StandardCharsets.UTF_8));
        ByteBuffer numbers = ByteBuffer.allocate(2 * Long.BYTES)
            .putLong(images.length()).putLong(images.modified());
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest(numbers.array()));
        sums[0] += hash.getLong();
        sums[1] += hash.getLong();
        count++;
      }
    }
    // Fixed-width halves, so no two pairs of sums give one string.
    return String.format("%d:%016x%016x", count, sums[0], sums[1]);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static DataInputStream buffered(FSDataInputStream in) {
    return new DataInputStream(new BufferedInputStream(in, 1 << 16));
  }

  private static void checkVersion(Path file, int version) throws IOException {
    if (version != VERSION) {
      throw new IOException(file + " is not an image listing of version " + VERSION);
    }
  }
}
