package io.fruits.pipeline.pca;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The count, mean and co-moment matrix M2 = Σ (x−mean)(x−mean)ᵀ of d-dimensional rows, in double
 * precision, mergeable across splits with Chan et al.'s pairwise update. This one representation
 * travels from the map tasks through the shuffle and the reducers to the driver and the saved
 * {@code pca/sums.seq}: M2 as its packed upper triangle (row i holds columns i..d−1), or a range
 * of its rows, so reducers can merge row blocks in parallel ({@link #block}, {@link #assemble}).
 *
 * <p>Centring every batch at its own mean before the rank-n update, and never forming a raw
 * Σxxᵀ, keeps the result accurate for features whose means are far from zero. The mean is kept
 * whole in every block because Chan's update of any row needs the whole mean difference.
 * Mutable and not thread-safe.
 */
public final class CovarianceSums {

  /** "PCS1": guards against reading something that is not covariance sums. */
  private static final int FORMAT_TAG = 0x50435331;
  /** Tag, rowStart, rowEnd, dimension (ints) and count (long). */
  private static final int HEADER_BYTES = 4 * Integer.BYTES + Long.BYTES;
  /** Relative tolerance for blocks' means to count as the same in {@link #assemble}. */
  private static final double MEAN_TOLERANCE = 1e-9;

  private final int dimension;
  private final int rowStart;
  private final int rowEnd;
  private long count;
  private final double[] mean;
  /** Packed rows rowStart..rowEnd−1 of the upper triangle of M2. */
  private final double[] values;

  // Scratch, reused so the hot loops allocate nothing per call.
  private final double[] delta;
  private double[] row = new double[0];
  private double[][] centred = new double[0][];

  /** Empty sums of every row of a d×d co-moment matrix. */
  public CovarianceSums(int dimension) {
    this(dimension, 0, checkDimension(dimension), 0, new double[dimension],
        new double[rowOffset(dimension, dimension)]);
  }

  /** Takes ownership of {@code mean} and {@code values} (no copies). */
  private CovarianceSums(int dimension, int rowStart, int rowEnd, long count, double[] mean,
      double[] values) {
    this.dimension = dimension;
    this.rowStart = rowStart;
    this.rowEnd = rowEnd;
    this.count = count;
    this.mean = mean;
    this.values = values;
    this.delta = new double[dimension];
  }

  public int dimension() {
    return dimension;
  }

  /** First row of M2 held, inclusive; 0 unless this is a {@link #block}. */
  public int rowStart() {
    return rowStart;
  }

  /** Last row held, exclusive; the dimension unless this is a {@link #block}. */
  public int rowEnd() {
    return rowEnd;
  }

  public long count() {
    return count;
  }

  /** A copy of the mean. */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * A copy of the packed rows held: element (i, j ≥ i) at rowOffset(i) − rowOffset(rowStart) +
   * (j − i), where rowOffset(i) = i·d − i(i−1)/2.
   */
  public double[] coMoment() {
    return values.clone();
  }

  /** A deep copy, independent of these sums. */
  public CovarianceSums copy() {
    return new CovarianceSums(dimension, rowStart, rowEnd, count, mean.clone(), values.clone());
  }

  /**
   * Adds {@code n} rows of length d stored row-major from index 0 of {@code data}: the batch's
   * centred products go straight into M2, then Chan's update adds the batch's mean.
   *
   * @throws IllegalArgumentException if {@code data} is too short or holds a NaN or infinity
   */
  public void addBatch(float[] data, int n) {
    int d = dimension;
    if (n < 0 || (long) n * d > data.length) {
      throw new IllegalArgumentException(
          n + " rows of " + d + " need " + (long) n * d + " floats, got " + data.length);
    }
    if (n == 0) {
      return;
    }
    double[] batchMean = new double[d];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        batchMean[j] += data[r * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      // A non-finite value anywhere makes its column's sum non-finite.
      if (!Double.isFinite(batchMean[j])) {
        throw new IllegalArgumentException("column " + j + " of the batch is not finite");
      }
      batchMean[j] /= n;
    }
    if (centred.length < n) {
      centred = new double[n][d];
    }
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        centred[r][j] = data[r * d + j] - batchMean[j];
      }
    }
    addCentredProducts(n);
    chanUpdate(n, batchMean, null, 1);
  }

  /**
   * M2 += Σ_r c_r c_rᵀ over the rows held. Each M2 row is worked on in a full-length scratch row,
   * because HotSpot 17 vectorises {@code row[j] += a * c[j]} but not loops whose arrays are
   * indexed at different offsets (about 3 ms instead of 9 for 32 rows at d = 1280); four data
   * rows per pass cut the scratch row's loads and stores fourfold.
   */
  private void addCentredProducts(int n) {
    int d = dimension;
    if (row.length < d) {
      row = new double[d];
    }
    int first = rowOffset(d, rowStart);
    for (int i = rowStart; i < rowEnd; i++) {
      int at = rowOffset(d, i) - first;
      System.arraycopy(values, at, row, i, d - i);
      int r = 0;
      for (; r + 4 <= n; r += 4) {
        double[] c0 = centred[r];
        double[] c1 = centred[r + 1];
        double[] c2 = centred[r + 2];
        double[] c3 = centred[r + 3];
        double a0 = c0[i];
        double a1 = c1[i];
        double a2 = c2[i];
        double a3 = c3[i];
        for (int j = i; j < d; j++) {
          row[j] += a0 * c0[j] + a1 * c1[j] + a2 * c2[j] + a3 * c3[j];
        }
      }
      for (; r < n; r++) {
        double[] c0 = centred[r];
        double a0 = c0[i];
        for (int j = i; j < d; j++) {
          row[j] += a0 * c0[j];
        }
      }
      System.arraycopy(row, i, values, at, d - i);
    }
  }

  /** Adds other sums of the same rows; merging empty sums does nothing, into empty ones copies. */
  public void merge(CovarianceSums other) {
    checkSameRows(other, "merge");
    chanUpdate(other.count, other.mean, other.values, 1);
  }

  /**
   * Removes rows that were added before: afterwards these sums are, up to rounding, the sums of
   * the remaining rows. Incremental runs use it for images deleted or changed since the previous
   * run. It is Chan's merge with the other sums' count and co-moment negated; removing every row
   * empties the sums.
   *
   * @throws IllegalArgumentException if {@code part} holds more rows than these sums
   */
  public void subtract(CovarianceSums part) {
    checkSameRows(part, "subtract");
    if (part.count > count) {
      throw new IllegalArgumentException(
          "cannot remove " + part.count + " rows from sums of " + count);
    }
    if (part.count == count) {
      count = 0;
      Arrays.fill(mean, 0);
      Arrays.fill(values, 0);
      return;
    }
    chanUpdate(-part.count, part.mean, part.values, -1);
  }

  /**
   * Chan et al.'s pairwise update, the one place it is written: with n = na + nb and
   * δ = meanB − meanA, M2 += sign·M2B + δδᵀ·na·nb/n and mean += δ·nb/n. A negative nb (with sign
   * −1) removes B from A. {@code otherValues} null means B's products were already added.
   */
  private void chanUpdate(long otherCount, double[] otherMean, double[] otherValues, int sign) {
    if (otherCount == 0) {
      return;
    }
    int d = dimension;
    if (count == 0) {
      System.arraycopy(otherMean, 0, mean, 0, d);
      if (otherValues != null) {
        System.arraycopy(otherValues, 0, values, 0, values.length);
      }
      count = otherCount;
      return;
    }
    double total = (double) count + otherCount;
    double weight = count / total * otherCount;
    for (int j = 0; j < d; j++) {
      delta[j] = otherMean[j] - mean[j];
    }
    int first = rowOffset(d, rowStart);
    for (int i = rowStart; i < rowEnd; i++) {
      // Element (i, j) of the rows held sits at base + j.
      int base = rowOffset(d, i) - first - i;
      double a = weight * delta[i];
      if (otherValues == null) {
        for (int j = i; j < d; j++) {
          values[base + j] += a * delta[j];
        }
      } else {
        for (int j = i; j < d; j++) {
          values[base + j] += sign * otherValues[base + j] + a * delta[j];
        }
      }
    }
    double shift = otherCount / total;
    for (int j = 0; j < d; j++) {
      mean[j] += delta[j] * shift;
    }
    count += otherCount;
  }

  private void checkSameRows(CovarianceSums other, String what) {
    if (other.dimension != dimension || other.rowStart != rowStart || other.rowEnd != rowEnd) {
      throw new IllegalArgumentException("cannot " + what + " " + other.describe() + " and "
          + describe());
    }
  }

  /**
   * The full symmetric sample covariance M2/(n−1) as rows, the layout Commons Math wraps without
   * copying.
   */
  public double[][] covariance() {
    if (rowStart != 0 || rowEnd != dimension) {
      throw new IllegalStateException("a covariance needs every row; these are " + describe());
    }
    if (count < 2) {
      throw new IllegalStateException("a sample covariance needs at least 2 rows, got " + count);
    }
    int d = dimension;
    double scale = 1.0 / (count - 1);
    double[][] cov = new double[d][d];
    for (int i = 0; i < d; i++) {
      int base = rowOffset(d, i) - i;
      for (int j = i; j < d; j++) {
        double v = values[base + j] * scale;
        cov[i][j] = v;
        cov[j][i] = v;
      }
    }
    return cov;
  }

  /**
   * Row bounds splitting a d×d upper triangle into blocks of about equal element counts. The
   * result has {@code blocks + 1} strictly increasing entries from 0 to d, with {@code blocks}
   * clamped to [1, d].
   */
  public static int[] blockBounds(int dimension, int blocks) {
    checkDimension(dimension);
    int total = rowOffset(dimension, dimension);
    int b = Math.max(1, Math.min(blocks, dimension));
    int[] bounds = new int[b + 1];
    bounds[b] = dimension;
    int r = 0;
    for (int k = 1; k < b; k++) {
      double target = (double) total * k / b;
      // Advance while the next row boundary lands closer to the target.
      while (r < dimension && Math.abs(rowOffset(dimension, r + 1) - target)
          <= Math.abs(rowOffset(dimension, r) - target)) {
        r++;
      }
      // Every block keeps at least one row.
      bounds[k] = Math.min(Math.max(r, bounds[k - 1] + 1), dimension - (b - k));
      r = bounds[k];
    }
    return bounds;
  }

  /** A copy of rows [bounds[index], bounds[index + 1]) with the count and the full mean. */
  public CovarianceSums block(int index, int[] bounds) {
    if (rowStart != 0 || rowEnd != dimension) {
      throw new IllegalStateException("blocks are cut from full sums, not from " + describe());
    }
    checkBounds(bounds);
    if (index < 0 || index >= bounds.length - 1) {
      throw new IllegalArgumentException(
          "block index " + index + " is outside [0, " + (bounds.length - 1) + ")");
    }
    int from = rowOffset(dimension, bounds[index]);
    int to = rowOffset(dimension, bounds[index + 1]);
    return new CovarianceSums(dimension, bounds[index], bounds[index + 1], count, mean.clone(),
        Arrays.copyOfRange(values, from, to));
  }

  private void checkBounds(int[] bounds) {
    boolean ok = bounds.length >= 2 && bounds[0] == 0 && bounds[bounds.length - 1] == dimension;
    for (int k = 1; ok && k < bounds.length; k++) {
      ok = bounds[k] > bounds[k - 1];
    }
    if (!ok) {
      throw new IllegalArgumentException("block bounds must rise strictly from 0 to " + dimension
          + ", got " + Arrays.toString(bounds));
    }
  }

  /**
   * Rebuilds full sums from exactly one merged block per row range, together covering rows 0..d.
   * The mean is taken from the block holding row 0.
   *
   * @throws IllegalArgumentException on gaps, overlaps, mixed dimensions, or blocks whose counts
   *     differ or whose means differ by more than 1e-9 of the largest absolute mean
   */
  public static CovarianceSums assemble(List<CovarianceSums> blocks) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("no covariance blocks to assemble");
    }
    List<CovarianceSums> sorted = new ArrayList<>(blocks);
    sorted.sort(Comparator.comparingInt(CovarianceSums::rowStart));
    CovarianceSums first = sorted.get(0);
    int d = first.dimension;
    CovarianceSums sums = new CovarianceSums(d);
    int expectedRow = 0;
    for (CovarianceSums block : sorted) {
      first.checkAgrees(block, expectedRow);
      System.arraycopy(block.values, 0, sums.values, rowOffset(d, block.rowStart),
          block.values.length);
      expectedRow = block.rowEnd;
    }
    if (expectedRow != d) {
      throw new IllegalArgumentException("rows [" + expectedRow + ", " + d + ") are missing");
    }
    sums.count = first.count;
    System.arraycopy(first.mean, 0, sums.mean, 0, d);
    return sums;
  }

  /** Checks that {@code block} starts at {@code row} and has this block's dimension, count and mean. */
  private void checkAgrees(CovarianceSums block, int row) {
    if (block.dimension != dimension) {
      throw new IllegalArgumentException(block.describe() + " does not match dimension " + dimension);
    }
    if (block.rowStart != row) {
      throw new IllegalArgumentException(block.rowStart > row
          ? "rows [" + row + ", " + block.rowStart + ") are missing"
          : block.describe() + " overlaps rows before " + row);
    }
    if (block.count != count) {
      throw new IllegalArgumentException(block.describe() + " has count " + block.count
          + " but " + describe() + " has " + count);
    }
    double tolerance = MEAN_TOLERANCE * Arrays.stream(mean).map(Math::abs).max().orElse(0);
    for (int j = 0; j < dimension; j++) {
      if (!(Math.abs(block.mean[j] - mean[j]) <= tolerance)) {
        throw new IllegalArgumentException(block.describe() + " has mean[" + j + "] = "
            + block.mean[j] + " but " + describe() + " has " + mean[j]);
      }
    }
  }

  /** Bytes {@link #write} produces: a 24-byte header, then the mean and the rows as doubles. */
  public long serializedSize() {
    return HEADER_BYTES + (long) Double.BYTES * (mean.length + values.length);
  }

  /**
   * Writes the sums in big-endian binary: int tag 0x50435331 ("PCS1"), int rowStart, int rowEnd,
   * int dimension, long count, then the mean and the packed rows as doubles.
   */
  public void write(DataOutput out) throws IOException {
    out.writeInt(FORMAT_TAG);
    out.writeInt(rowStart);
    out.writeInt(rowEnd);
    out.writeInt(dimension);
    out.writeLong(count);
    DoubleBlocks.write(out, mean);
    DoubleBlocks.write(out, values);
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
    if (!fits(dimension) || rowStart < 0 || rowStart >= rowEnd || rowEnd > dimension
        || count < 0) {
      throw new IOException("corrupt covariance sums header: rows [" + rowStart + ", " + rowEnd
          + "), dimension " + dimension + ", count " + count);
    }
    double[] mean = new double[dimension];
    double[] values = new double[rowOffset(dimension, rowEnd) - rowOffset(dimension, rowStart)];
    DoubleBlocks.read(in, mean);
    DoubleBlocks.read(in, values);
    return new CovarianceSums(dimension, rowStart, rowEnd, count, mean, values);
  }

  /** Index of element (row, row) in the packed triangle; {@code rowOffset(d, d)} is its size. */
  static int rowOffset(int dimension, int row) {
    return (int) ((long) row * dimension - (long) row * (row - 1) / 2);
  }

  /** Whether the dimension is positive and its packed triangle fits in one Java array. */
  private static boolean fits(int dimension) {
    return dimension >= 1 && (long) dimension * (dimension + 1) / 2 <= Integer.MAX_VALUE - 8;
  }

  private static int checkDimension(int dimension) {
    if (!fits(dimension)) {
      throw new IllegalArgumentException("dimension must be between 1 and the size whose "
          + "triangle fits in one array, got " + dimension);
    }
    return dimension;
  }

  String describe() {
    return "sums of rows [" + rowStart + ", " + rowEnd + ") of " + dimension;
  }

  @Override
  public String toString() {
    return describe() + ", count " + count;
  }
}
