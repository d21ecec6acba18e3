package io.fruits.pipeline.pca;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Rows [rowStart, rowEnd) of a {@link CovarianceSums} co-moment triangle, with the count and the
 * full mean, so that reducers can merge the triangle in parallel row blocks.
 *
 * <p>The mean is kept whole because Chan's update of any row needs the whole mean difference δ.
 * Mutable ({@link #merge}) and not thread-safe.
 */
public final class CovarianceBlock {

  /** "PCB1": guards against reading something that is not a block. */
  private static final int FORMAT_TAG = 0x50434231;
  /** Tag, index, rowStart, rowEnd, dimension (ints) and count (long). */
  private static final int HEADER_BYTES = 5 * Integer.BYTES + Long.BYTES;

  private final int blockIndex;
  private final int rowStart;
  private final int rowEnd;
  private final int dimension;
  private long count;
  private final double[] mean;
  private final double[] values;

  /** Takes ownership of {@code mean} and {@code values} (no copies). */
  CovarianceBlock(int blockIndex, int rowStart, int rowEnd, int dimension, long count,
      double[] mean, double[] values) {
    UpperTriangle.checkDimension(dimension);
    if (blockIndex < 0 || rowStart < 0 || rowStart >= rowEnd || rowEnd > dimension) {
      throw new IllegalArgumentException("block " + blockIndex + " has bad rows [" + rowStart
          + ", " + rowEnd + ") for dimension " + dimension);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
    int size = UpperTriangle.rowOffset(dimension, rowEnd)
        - UpperTriangle.rowOffset(dimension, rowStart);
    if (mean.length != dimension || values.length != size) {
      throw new IllegalArgumentException("block rows [" + rowStart + ", " + rowEnd + ") of "
          + dimension + " need a mean of " + dimension + " and " + size + " values, got "
          + mean.length + " and " + values.length);
    }
    this.blockIndex = blockIndex;
    this.rowStart = rowStart;
    this.rowEnd = rowEnd;
    this.dimension = dimension;
    this.count = count;
    this.mean = mean;
    this.values = values;
  }

  public int blockIndex() {
    return blockIndex;
  }

  /** First row held, inclusive. */
  public int rowStart() {
    return rowStart;
  }

  /** Last row held, exclusive. */
  public int rowEnd() {
    return rowEnd;
  }

  public int dimension() {
    return dimension;
  }

  public long count() {
    return count;
  }

  /** A copy of the full mean (length {@link #dimension()}). */
  public double[] mean() {
    return mean.clone();
  }

  /** A copy of the packed upper-triangle rows rowStart..rowEnd−1 (row i holds columns i..d−1). */
  public double[] values() {
    return values.clone();
  }

  /** A deep copy, independent of this block. */
  public CovarianceBlock copy() {
    return new CovarianceBlock(blockIndex, rowStart, rowEnd, dimension, count, mean.clone(),
        values.clone());
  }

  /** The packed rows themselves, for {@link CovarianceSums#assemble}; callers must not modify. */
  double[] valuesRef() {
    return values;
  }

  /**
   * Adds another block of the same rows into this one with Chan et al.'s pairwise update.
   * Merging an empty block does nothing; merging into an empty block copies.
   */
  public void merge(CovarianceBlock other) {
    if (other.blockIndex != blockIndex || other.rowStart != rowStart || other.rowEnd != rowEnd
        || other.dimension != dimension) {
      throw new IllegalArgumentException(
          "cannot merge " + other.describe() + " into " + describe());
    }
    if (other.count == 0) {
      return;
    }
    if (count == 0) {
      System.arraycopy(other.mean, 0, mean, 0, dimension);
      System.arraycopy(other.values, 0, values, 0, values.length);
    } else {
      UpperTriangle.chanMerge(dimension, rowStart, rowEnd,
          count, mean, values, other.count, other.mean, other.values);
    }
    count += other.count;
  }

  /** Bytes {@link #write} produces: a 28-byte header, then the mean and the rows as doubles. */
  public long serializedSize() {
    return HEADER_BYTES + (long) Double.BYTES * (mean.length + values.length);
  }

  /**
   * Writes the block in big-endian binary: int tag 0x50434231 ("PCB1"), int blockIndex, int
   * rowStart, int rowEnd, int dimension, long count, then the mean and the packed rows as doubles.
   */
  public void write(DataOutput out) throws IOException {
    out.writeInt(FORMAT_TAG);
    out.writeInt(blockIndex);
    out.writeInt(rowStart);
    out.writeInt(rowEnd);
    out.writeInt(dimension);
    out.writeLong(count);
    DoubleBlocks.write(out, mean);
    DoubleBlocks.write(out, values);
  }

  /** Reads a block written by {@link #write}, failing with an IOException on a bad header. */
  public static CovarianceBlock read(DataInput in) throws IOException {
    int tag = in.readInt();
    if (tag != FORMAT_TAG) {
      throw new IOException(String.format(
          "not a covariance block: expected tag 0x%08x, found 0x%08x", FORMAT_TAG, tag));
    }
    int blockIndex = in.readInt();
    int rowStart = in.readInt();
    int rowEnd = in.readInt();
    int dimension = in.readInt();
    long count = in.readLong();
    if (!UpperTriangle.fits(dimension) || blockIndex < 0 || rowStart < 0 || rowStart >= rowEnd
        || rowEnd > dimension || count < 0) {
      throw new IOException("corrupt covariance block header: index " + blockIndex + ", rows ["
          + rowStart + ", " + rowEnd + "), dimension " + dimension + ", count " + count);
    }
    double[] mean = new double[dimension];
    double[] values = new double[UpperTriangle.rowOffset(dimension, rowEnd)
        - UpperTriangle.rowOffset(dimension, rowStart)];
    DoubleBlocks.read(in, mean);
    DoubleBlocks.read(in, values);
    return new CovarianceBlock(blockIndex, rowStart, rowEnd, dimension, count, mean, values);
  }

  String describe() {
    return "block " + blockIndex + " (rows [" + rowStart + ", " + rowEnd + ") of " + dimension
        + ")";
  }

  @Override
  public String toString() {
    return describe() + ", count " + count;
  }
}
