package io.fruits.pipeline.incremental;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;

/** A file's size and modification time, the value of the sorted listings {@link InputChanges} merges. */
public final class ListedFile implements Writable {

  private long length;
  private long modified;

  void set(long length, long modified) {
    this.length = length;
    this.modified = modified;
  }

  long length() {
    return length;
  }

  long modified() {
    return modified;
  }

  boolean sameAs(ListedFile other) {
    return length == other.length && modified == other.modified;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(length);
    out.writeLong(modified);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    length = in.readLong();
    modified = in.readLong();
  }
}
