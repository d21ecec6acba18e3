package io.fruits.pipeline.embed;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;

/**
 * One image's embedding between the embedding and projection jobs: path, label, the file's size
 * and modification time (what incremental runs compare), and the features.
 */
public class EmbeddingWritable implements Writable {

  private final Text path = new Text();
  private final Text label = new Text();
  private long size;
  private long modified;
  private float[] features = new float[0];
  private byte[] scratch = new byte[0];

  public void set(String path, String label, long size, long modified, float[] source, int offset,
      int dimension) {
    this.path.set(path);
    this.label.set(label);
    this.size = size;
    this.modified = modified;
    if (features.length != dimension) {
      features = new float[dimension];
    }
    System.arraycopy(source, offset, features, 0, dimension);
  }

  /**
   * Fails a task whose embedding of {@code path} has {@code length} values where {@code expected}
   * are needed: the rows came from another model, which a retry will not fix but must not hide.
   */
  public static void checkDimension(String path, int length, int expected) throws IOException {
    if (length != expected) {
      throw new IOException(path + " has " + length + " features, expected " + expected);
    }
  }

  public String path() {
    return path.toString();
  }

  public String label() {
    return label.toString();
  }

  /** The image file's length in bytes. */
  public long size() {
    return size;
  }

  /** The image file's modification time, milliseconds since the epoch. */
  public long modified() {
    return modified;
  }

  /** The features; the array is reused by the next {@link #readFields}. */
  public float[] features() {
    return features;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    path.write(out);
    label.write(out);
    out.writeLong(size);
    out.writeLong(modified);
    out.writeInt(features.length);
    ByteBuffer bytes = ByteBuffer.wrap(scratch(features.length));
    bytes.asFloatBuffer().put(features);
    out.write(bytes.array(), 0, features.length * Float.BYTES);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    path.readFields(in);
    label.readFields(in);
    size = in.readLong();
    modified = in.readLong();
    int dimension = in.readInt();
    if (features.length != dimension) {
      features = new float[dimension];
    }
    byte[] bytes = scratch(dimension);
    in.readFully(bytes, 0, dimension * Float.BYTES);
    ByteBuffer.wrap(bytes).asFloatBuffer().get(features);
  }

  private byte[] scratch(int dimension) {
    if (scratch.length < dimension * Float.BYTES) {
      scratch = new byte[dimension * Float.BYTES];
    }
    return scratch;
  }
}
