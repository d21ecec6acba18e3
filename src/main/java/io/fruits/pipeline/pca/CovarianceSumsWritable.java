package io.fruits.pipeline.pca;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;
import org.apache.hadoop.io.Writable;

/**
 * Carries {@link CovarianceSums} (usually one row block) through the shuffle and into SequenceFiles,
 * in the one binary format of covariance sums ({@link #write}).
 *
 * <p>Each {@link #readFields} reads into new sums, so sums obtained from {@link #get()} stay valid
 * after Hadoop reuses this object for the next value.
 */
public final class CovarianceSumsWritable implements Writable {

  /** "PCS1": guards against reading something that is not covariance sums. */
  private static final int FORMAT_TAG = 0x50435331;

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
    write(sums, out);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    sums = read(in);
  }

  /**
   * Writes the sums in big-endian binary: int tag 0x50435331 ("PCS1"), int rowStart, int rowEnd,
   * int dimension, long count, then the mean and the packed rows as doubles.
   */
  public static void write(CovarianceSums sums, DataOutput out) throws IOException {
    out.writeInt(FORMAT_TAG);
    out.writeInt(sums.rowStart());
    out.writeInt(sums.rowEnd());
    out.writeInt(sums.dimension());
    out.writeLong(sums.count());
    DoubleBlocks.write(out, sums.meanRef());
    DoubleBlocks.write(out, sums.valuesRef());
  }

  /** The bytes {@link #write} writes for the block of rows [rowStart, rowEnd) of the sums. */
  public static long serializedBytes(int dimension, int rowStart, int rowEnd) {
    long header = 4L * Integer.BYTES + Long.BYTES;
    long doubles = dimension + (long) CovarianceSums.rowOffset(dimension, rowEnd)
        - CovarianceSums.rowOffset(dimension, rowStart);
    return header + doubles * Double.BYTES;
  }

  /** Reads sums written by {@link #write}, failing with an IOException on a bad header. */
  public static CovarianceSums read(DataInput in) throws IOException {
    int tag = in.readInt();
    if (tag != FORMAT_TAG) {
      throw new IOException(String.format(
          "not covariance sums: expected tag 0x%08x, found 0x%08x", FORMAT_TAG, tag));
    }
    int rowStart = in.readInt();
    int rowEnd = in.readInt();
    int dimension = in.readInt();
    long count = in.readLong();
    if (!CovarianceSums.fits(dimension) || rowStart < 0 || rowStart >= rowEnd || rowEnd > dimension
        || count < 0) {
      throw new IOException("corrupt covariance sums header: rows [" + rowStart + ", " + rowEnd
          + "), dimension " + dimension + ", count " + count);
    }
    double[] mean = new double[dimension];
    double[] values = new double[CovarianceSums.rowOffset(dimension, rowEnd)
        - CovarianceSums.rowOffset(dimension, rowStart)];
    DoubleBlocks.read(in, mean);
    DoubleBlocks.read(in, values);
    return new CovarianceSums(dimension, rowStart, rowEnd, count, mean, values);
  }

  @Override
  public String toString() {
    return String.valueOf(sums);
  }
}
