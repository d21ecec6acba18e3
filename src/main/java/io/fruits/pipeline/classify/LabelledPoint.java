package io.fruits.pipeline.classify;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;

/** One sampled row on its way to the training reducer: its rank, path and PCA scores. */
public class LabelledPoint implements Writable {

  private long rank;
  private String path;
  private float[] pca;

  public LabelledPoint() {}

  public LabelledPoint(long rank, String path, float[] pca) {
    this.rank = rank;
    this.path = path;
    this.pca = pca;
  }

  public long rank() {
    return rank;
  }

  public String path() {
    return path;
  }

  public float[] pca() {
    return pca;
  }

  /** A copy, for keeping a point the framework will overwrite with the next value. */
  public LabelledPoint copy() {
    return new LabelledPoint(rank, path, pca.clone());
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(rank);
    WritableUtils.writeString(out, path);
    WritableUtils.writeVInt(out, pca.length);
    for (float value : pca) {
      out.writeFloat(value);
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    rank = in.readLong();
    path = WritableUtils.readString(in);
    int n = WritableUtils.readVInt(in);
    if (pca == null || pca.length != n) {
      pca = new float[n];
    }
    for (int i = 0; i < n; i++) {
      pca[i] = in.readFloat();
    }
  }
}
