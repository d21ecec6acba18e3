package io.fruits.pipeline.pca;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;
import org.apache.hadoop.io.Writable;

/**
 * Carries {@link CovarianceSums} (usually one row block) through the shuffle and into SequenceFiles,
 * in the sums' own binary format.
 *
 * <p>Each {@link #readFields} reads into new sums, so sums obtained from {@link #get()} stay valid
 * after Hadoop reuses this object for the next value.
 */
public final class CovarianceSumsWritable implements Writable {

  private CovarianceSums sums;

  /** An empty holder, for Hadoop to fill with {@link #readFields}. */
  public CovarianceSumsWritable() {}

  /** The sums held, or null before {@link #set} or {@link #readFields}. */
  public CovarianceSums get() {
    return sums;
  }

  /** Holds {@code sums} itself, not a copy. */
  public void set(CovarianceSums sums) {
    this.sums = Objects.requireNonNull(sums, "sums");
  }

  @Override
  public void write(DataOutput out) throws IOException {
    if (sums == null) {
      throw new IllegalStateException("no covariance sums set to write");
    }
    sums.write(out);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    sums = CovarianceSums.read(in);
  }

  @Override
  public String toString() {
    return String.valueOf(sums);
  }
}
