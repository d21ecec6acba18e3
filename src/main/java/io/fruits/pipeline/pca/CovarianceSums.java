package io.fruits.pipeline.pca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Accumulates the count, mean and co-moment matrix M2 = Σ (x−mean)(x−mean)ᵀ of d-dimensional rows,
 * in double precision, mergeable across splits with Chan et al.'s pairwise update.
 *
 * <p>Centring every batch at its own mean before the rank-n update, and never forming a raw
 * Σxxᵀ, keeps the result accurate for features whose means are far from zero. Outside this class
 * M2 travels as its packed upper triangle ({@link #coMoment()}, {@link CovarianceBlock}); inside,
 * row i lives in a full-length array of which columns i..d−1 are used, because HotSpot 17
 * vectorises {@code row[j] += a * x[j]} but not loops whose arrays are indexed at different
 * offsets: at d = 1280 a 32-row {@link #addBatch} takes about 3 ms instead of 9, for d²/2 unused
 * doubles. Mutable and not thread-safe.
 */
public final class CovarianceSums {

  /** Relative tolerance for blocks' means to count as the same in {@link #assemble}. */
  private static final double MEAN_TOLERANCE = 1e-9;

  private final int dimension;
  private long count;
  private final double[] mean;
  /** M2 by rows: {@code rows[i][j]} for j ≥ i; the lower part stays zero. */
  private final double[][] rows;

  // Scratch for addBatch, reused so the hot loop allocates nothing per call.
  private final double[] batchMean;
  private final double[] delta;
  private double[][] centred = new double[0][];

  public CovarianceSums(int dimension) {
    UpperTriangle.checkDimension(dimension);
    this.dimension = dimension;
    this.mean = new double[dimension];
    this.rows = new double[dimension][dimension];
    this.batchMean = new double[dimension];
    this.delta = new double[dimension];
  }

  public int dimension() {
    return dimension;
  }

  public long count() {
    return count;
  }

  /** A copy of the mean. */
  public double[] mean() {
    return mean.clone();
  }

  /** A copy of M2 as the packed upper triangle: element (i, j ≥ i) at i·d − i(i−1)/2 + (j − i). */
  public double[] coMoment() {
    return packRows(0, dimension);
  }

  private double[] packRows(int from, int to) {
    int first = UpperTriangle.rowOffset(dimension, from);
    double[] packed = new double[UpperTriangle.rowOffset(dimension, to) - first];
    for (int i = from; i < to; i++) {
      System.arraycopy(rows[i], i, packed, UpperTriangle.rowOffset(dimension, i) - first,
          dimension - i);
    }
    return packed;
  }

  /**
   * Adds {@code n} rows of length d stored row-major from index 0 of {@code data}.
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
    if (centred.length < n) {
      centred = new double[n][d];
    }
    Arrays.fill(batchMean, 0);
    for (int r = 0; r < n; r++) {
      int o = r * d;
      for (int j = 0; j < d; j++) {
        batchMean[j] += data[o + j];
      }
    }
    for (int j = 0; j < d; j++) {
      // A non-finite value anywhere makes its column's sum non-finite.
      if (!Double.isFinite(batchMean[j])) {
        throw new IllegalArgumentException("column " + j + " of the batch is not finite");
      }
      batchMean[j] /= n;
    }
    for (int r = 0; r < n; r++) {
      double[] c = centred[r];
      int o = r * d;
      for (int j = 0; j < d; j++) {
        c[j] = data[o + j] - batchMean[j];
      }
    }
    // Chan's update with the batch as the second operand; weight is 0 while this is empty.
    double total = (double) count + n;
    for (int j = 0; j < d; j++) {
      delta[j] = batchMean[j] - mean[j];
    }
    addCentredRows(n, count / total * n);
    double shift = n / total;
    for (int j = 0; j < d; j++) {
      mean[j] = count == 0 ? batchMean[j] : mean[j] + delta[j] * shift;
    }
    count += n;
  }

  /**
   * M2 += Σ_r c_r c_rᵀ + weight·δδᵀ over the upper triangle. Four data rows per pass over each M2
   * row cut its loads and stores fourfold.
   */
  private void addCentredRows(int n, double weight) {
    int d = dimension;
    for (int i = 0; i < d; i++) {
      double[] row = rows[i];
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
      if (weight != 0) {
        double a = weight * delta[i];
        for (int j = i; j < d; j++) {
          row[j] += a * delta[j];
        }
      }
    }
  }

  /** Adds other sums; merging an empty one does nothing, into an empty one copies. */
  public void merge(CovarianceSums other) {
    if (other.dimension != dimension) {
      throw new IllegalArgumentException(
          "cannot merge sums of dimension " + other.dimension + " into " + dimension);
    }
    if (other.count == 0) {
      return;
    }
    int d = dimension;
    if (count == 0) {
      System.arraycopy(other.mean, 0, mean, 0, d);
      for (int i = 0; i < d; i++) {
        System.arraycopy(other.rows[i], i, rows[i], i, d - i);
      }
    } else {
      // Chan et al.: n = na + nb, δ = mb − ma, M2 += M2b + δδᵀ·na·nb/n, mean += δ·nb/n.
      double total = (double) count + other.count;
      double weight = count / total * other.count;
      for (int j = 0; j < d; j++) {
        delta[j] = other.mean[j] - mean[j];
      }
      for (int i = 0; i < d; i++) {
        double[] row = rows[i];
        double[] otherRow = other.rows[i];
        double a = weight * delta[i];
        for (int j = i; j < d; j++) {
          row[j] += otherRow[j] + a * delta[j];
        }
      }
      double shift = other.count / total;
      for (int j = 0; j < d; j++) {
        mean[j] += delta[j] * shift;
      }
    }
    count += other.count;
  }

  /**
   * Removes rows that were added before: afterwards these sums are, up to rounding, the sums of
   * the remaining rows. Incremental runs use it for images deleted or changed since the previous
   * run. Chan's merge solved for the first operand: with n = na + nb, ma = (n·m − nb·mb)/na,
   * δ = mb − ma, M2a = M2 − M2b − δδᵀ·na·nb/n. Removing every row empties the sums.
   *
   * @throws IllegalArgumentException if {@code part} holds more rows than these sums
   */
  public void subtract(CovarianceSums part) {
    if (part.dimension != dimension) {
      throw new IllegalArgumentException(
          "cannot subtract sums of dimension " + part.dimension + " from " + dimension);
    }
    if (part.count > count) {
      throw new IllegalArgumentException(
          "cannot remove " + part.count + " rows from sums of " + count);
    }
    if (part.count == 0) {
      return;
    }
    int d = dimension;
    long remaining = count - part.count;
    if (remaining == 0) {
      count = 0;
      Arrays.fill(mean, 0);
      for (double[] row : rows) {
        Arrays.fill(row, 0);
      }
      return;
    }
    double total = count;
    for (int j = 0; j < d; j++) {
      double remainingMean = (total * mean[j] - part.count * part.mean[j]) / remaining;
      delta[j] = part.mean[j] - remainingMean;
      mean[j] = remainingMean;
    }
    double weight = remaining / total * part.count;
    for (int i = 0; i < d; i++) {
      double[] row = rows[i];
      double[] partRow = part.rows[i];
      double a = weight * delta[i];
      for (int j = i; j < d; j++) {
        row[j] -= partRow[j] + a * delta[j];
      }
    }
    count = remaining;
  }

  /**
   * The full symmetric sample covariance M2/(n−1) in one row-major array, element (i, j) at
   * i·d + j: the layout linear-algebra libraries wrap without copying.
   */
  public double[] covarianceRowMajor() {
    if (count < 2) {
      throw new IllegalStateException("a sample covariance needs at least 2 rows, got " + count);
    }
    int d = dimension;
    double scale = 1.0 / (count - 1);
    double[] cov = new double[Math.multiplyExact(d, d)];
    for (int i = 0; i < d; i++) {
      double[] row = rows[i];
      for (int j = i; j < d; j++) {
        double v = row[j] * scale;
        cov[i * d + j] = v;
        cov[j * d + i] = v;
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
    UpperTriangle.checkDimension(dimension);
    int total = UpperTriangle.rowOffset(dimension, dimension);
    int b = Math.max(1, Math.min(blocks, dimension));
    int[] bounds = new int[b + 1];
    bounds[b] = dimension;
    int row = 0;
    for (int k = 1; k < b; k++) {
      double target = (double) total * k / b;
      // Advance while the next row boundary lands closer to the target.
      while (row < dimension && Math.abs(UpperTriangle.rowOffset(dimension, row + 1) - target)
          <= Math.abs(UpperTriangle.rowOffset(dimension, row) - target)) {
        row++;
      }
      // Every block keeps at least one row.
      bounds[k] = Math.min(Math.max(row, bounds[k - 1] + 1), dimension - (b - k));
      row = bounds[k];
    }
    return bounds;
  }

  /** A copy of rows [bounds[index], bounds[index + 1]) with the count and the full mean. */
  public CovarianceBlock block(int index, int[] bounds) {
    checkBounds(bounds);
    if (index < 0 || index >= bounds.length - 1) {
      throw new IllegalArgumentException(
          "block index " + index + " is outside [0, " + (bounds.length - 1) + ")");
    }
    return new CovarianceBlock(index, bounds[index], bounds[index + 1], dimension, count,
        mean.clone(), packRows(bounds[index], bounds[index + 1]));
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
  public static CovarianceSums assemble(List<CovarianceBlock> blocks) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("no covariance blocks to assemble");
    }
    List<CovarianceBlock> sorted = new ArrayList<>(blocks);
    sorted.sort(Comparator.comparingInt(CovarianceBlock::rowStart));
    CovarianceBlock first = sorted.get(0);
    int d = first.dimension();
    CovarianceSums sums = new CovarianceSums(d);
    double[] mean = first.mean();
    double tolerance = MEAN_TOLERANCE * maxAbs(mean);
    int expectedRow = 0;
    for (CovarianceBlock block : sorted) {
      if (block.dimension() != d) {
        throw new IllegalArgumentException(block.describe() + " does not match dimension " + d);
      }
      if (block.rowStart() != expectedRow) {
        throw new IllegalArgumentException((block.rowStart() > expectedRow
            ? "rows [" + expectedRow + ", " + block.rowStart() + ") are missing"
            : block.describe() + " overlaps rows before " + expectedRow));
      }
      if (block.count() != first.count()) {
        throw new IllegalArgumentException(block.describe() + " has count " + block.count()
            + " but " + first.describe() + " has " + first.count());
      }
      double[] blockMean = block.mean();
      for (int j = 0; j < d; j++) {
        if (!(Math.abs(blockMean[j] - mean[j]) <= tolerance)) {
          throw new IllegalArgumentException(block.describe() + " has mean[" + j + "] = "
              + blockMean[j] + " but " + first.describe() + " has " + mean[j]);
        }
      }
      double[] values = block.valuesRef();
      int offset = UpperTriangle.rowOffset(d, block.rowStart());
      for (int i = block.rowStart(); i < block.rowEnd(); i++) {
        System.arraycopy(values, UpperTriangle.rowOffset(d, i) - offset, sums.rows[i], i, d - i);
      }
      expectedRow = block.rowEnd();
    }
    if (expectedRow != d) {
      throw new IllegalArgumentException("rows [" + expectedRow + ", " + d + ") are missing");
    }
    sums.count = first.count();
    System.arraycopy(mean, 0, sums.mean, 0, d);
    return sums;
  }

  private static double maxAbs(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
