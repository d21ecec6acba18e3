package io.fruits.pipeline.pca;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;
import org.apache.hadoop.io.Writable;

/**
 * Carries a {@link CovarianceBlock} through the shuffle, in the block's own binary format.
 *
 * <p>Each {@link #readFields} reads into a new block, so a block obtained from {@link #get()}
 * stays valid after Hadoop reuses this object for the next value.
 */
public final class CovarianceBlockWritable implements Writable {

  private CovarianceBlock block;

  /** An empty holder, for Hadoop to fill with {@link #readFields}. */
  public CovarianceBlockWritable() {}

  /** The block held, or null before {@link #set} or {@link #readFields}. */
  public CovarianceBlock get() {
    return block;
  }

  /** Holds {@code block} itself, not a copy. */
  public void set(CovarianceBlock block) {
    this.block = Objects.requireNonNull(block, "block");
  }

  @Override
  public void write(DataOutput out) throws IOException {
    if (block == null) {
      throw new IllegalStateException("no covariance block set to write");
    }
    block.write(out);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    block = CovarianceBlock.read(in);
  }

  @Override
  public String toString() {
    return String.valueOf(block);
  }
}
