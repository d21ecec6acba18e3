package io.fruits.pipeline.ingest;

/**
 * One listed image file as a record: where it is, its label, and either its bytes or why they
 * could not be read. The record reader reuses one instance, so consumers copy what they keep.
 */
public final class ImageFile {

  private String path = "";
  private String label = "";
  private long length;
  private long modified;
  private byte[] bytes = new byte[0];
  private int byteCount;
  private String readError;
  private long byteLimit;

  /** The file's full path or URI as listed. */
  public String path() {
    return path;
  }

  /** The name of the folder holding the file. */
  public String label() {
    return label;
  }

  /** The file's length according to the listing. */
  public long length() {
    return length;
  }

  /** The file's modification time according to the listing, in milliseconds since the epoch. */
  public long modified() {
    return modified;
  }

  /** The buffer holding the file's bytes; only the first {@link #byteCount()} are valid. */
  public byte[] bytes() {
    return bytes;
  }

  public int byteCount() {
    return byteCount;
  }

  /** Why the bytes could not be read, or {@code null} when they were. */
  public String readError() {
    return readError;
  }

  /** Whether the file was left unread because its listed length is over {@link #byteLimit()}. */
  public boolean tooLarge() {
    return byteLimit > 0;
  }

  /** The byte limit a {@link #tooLarge()} file exceeds; 0 for a file that was read. */
  public long byteLimit() {
    return byteLimit;
  }

  /** Points this record at a new file, keeping the byte buffer for reuse. */
  public void reset(String path, long length, long modified) {
    this.path = path;
    this.label = ImageLabel.of(path);
    this.length = length;
    this.modified = modified;
    this.byteCount = 0;
    this.readError = null;
    this.byteLimit = 0;
  }

  /** A buffer of at least {@code capacity} bytes to read the file into. */
  public byte[] buffer(int capacity) {
    if (bytes.length < capacity) {
      bytes = new byte[capacity];
    }
    return bytes;
  }

  public void setByteCount(int byteCount) {
    this.byteCount = byteCount;
  }

  /** Records that the file was not read because its length is over {@code limit} bytes. */
  public void setTooLarge(long limit) {
    this.byteLimit = limit;
  }

  public void setReadError(String readError) {
    this.readError = readError;
  }
}
