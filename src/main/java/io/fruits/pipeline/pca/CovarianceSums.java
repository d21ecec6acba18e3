package io.fruits.pipeline.pca;

import java.util.Arrays;

/**
 * The count, mean and co-moment matrix M2 = Σ (x−mean)(x−mean)ᵀ of d-dimensional rows, in double
 * precision, mergeable across splits with Chan et al.'s pairwise update. This one representation
 * travels from the map tasks through the shuffle and the reducers to the driver and the saved
 * {@code pca/sums.seq}: M2 as its packed upper triangle (row i holds columns i..d−1), or a range
 * of its rows, so reducers can merge row blocks in parallel ({@link #block},
 * {@link CovarianceBlocks}).
 *
 * <p>Centring every batch at its own mean before the rank-n update
 * ({@link CovarianceAccumulator}), and never forming a raw Σxxᵀ, keeps the result accurate for
 * features whose means are far from zero. The mean is kept whole in every block because Chan's
 * update of any row needs the whole mean difference. Mutable and not thread-safe.
 */
public final class CovarianceSums {


  private final int dimension;
  private final int rowStart;
  private final int rowEnd;
  private long count;
  private final double[] mean;
  /** Packed rows rowStart..rowEnd−1 of the upper triangle of M2. */
  private final double[] values;

  /** Scratch for Chan's update, reused so it allocates nothing per call. */
  private final double[] delta;

  /** Empty sums of every row of a d×d co-moment matrix. */
  public CovarianceSums(int dimension) {
    this(dimension, 0, checkDimension(dimension), 0, new double[dimension],
        new double[rowOffset(dimension, dimension)]);
  }

  /** Takes ownership of {@code mean} and {@code values} (no copies). */
  CovarianceSums(int dimension, int rowStart, int rowEnd, long count, double[] mean,
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

  /** The mean itself, for serialization; callers must not modify. */
  double[] meanRef() {
    return mean;
  }

  /** A deep copy, independent of these sums. */
  public CovarianceSums copy() {
    return new CovarianceSums(dimension, rowStart, rowEnd, count, mean.clone(), values.clone());
  }

  /**
   * Chan's update for a batch of {@code n} rows whose products, centred at their own mean
   * {@code batchMean}, are added to M2 separately ({@link #addCoMomentRow}).
   */
  void addBatchMean(int n, double[] batchMean) {
    chanUpdate(n, batchMean, null, 1);
  }

  /** M2 row i += {@code row[i, d)}: the upper part of row i of a full d×d co-moment matrix. */
  void addCoMomentRow(int i, double[] row) {
    if (rowStart != 0 || rowEnd != dimension) {
      throw new IllegalStateException("co-moment rows are added to full sums, not to " + describe());
    }
    int base = rowOffset(dimension, i) - i;
    for (int j = i; j < dimension; j++) {
      values[base + j] += row[j];
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

  /** A copy of rows [bounds[index], bounds[index + 1]) with the count and the full mean. */
  public CovarianceSums block(int index, int[] bounds) {
    if (rowStart != 0 || rowEnd != dimension) {
      throw new IllegalStateException("blocks are cut from full sums, not from " + describe());
    }
    CovarianceBlocks.checkBounds(bounds, dimension);
    if (index < 0 || index >= bounds.length - 1) {
      throw new IllegalArgumentException(
          "block index " + index + " is outside [0, " + (bounds.length - 1) + ")");
    }
    int from = rowOffset(dimension, bounds[index]);
    int to = rowOffset(dimension, bounds[index + 1]);
    return new CovarianceSums(dimension, bounds[index], bounds[index + 1], count, mean.clone(),
        Arrays.copyOfRange(values, from, to));
  }

  /** Index of element (row, row) in the packed triangle; {@code rowOffset(d, d)} is its size. */
  static int rowOffset(int dimension, int row) {
    return (int) ((long) row * dimension - (long) row * (row - 1) / 2);
  }

  /** Whether the dimension is positive and its packed triangle fits in one Java array. */
  static boolean fits(int dimension) {
    return dimension >= 1 && (long) dimension * (dimension + 1) / 2 <= Integer.MAX_VALUE - 8;
  }

  static int checkDimension(int dimension) {
    if (!fits(dimension)) {
      throw new IllegalArgumentException("dimension must be between 1 and the size whose "
          + "triangle fits in one array, got " + dimension);
    }
    return dimension;
  }

  /**
   * The packed rows themselves, for blocks and serialization; callers must not modify. Element
   * (i, j ≥ i) is at rowOffset(i) − rowOffset(rowStart) + (j − i), where rowOffset(i) = i·d −
   * i(i−1)/2.
   */
  double[] valuesRef() {
    return values;
  }

  String describe() {
    return "sums of rows [" + rowStart + ", " + rowEnd + ") of " + dimension;
  }

  @Override
  public String toString() {
    return describe() + ", count " + count;
  }
}
