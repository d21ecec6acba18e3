package io.fruits.pipeline.pca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cutting {@link CovarianceSums} into row blocks of about equal size, one per covariance reducer,
 * and putting the merged blocks together again.
 */
public final class CovarianceBlocks {

  /** Relative tolerance for blocks' means to count as the same in {@link #assemble}. */
  private static final double MEAN_TOLERANCE = 1e-9;

  private CovarianceBlocks() {}

  /**
   * Row bounds splitting a d×d upper triangle into blocks of about equal element counts. The
   * result has {@code blocks + 1} strictly increasing entries from 0 to d, with {@code blocks}
   * clamped to [1, d].
   */
  public static int[] blockBounds(int dimension, int blocks) {
    CovarianceSums.checkDimension(dimension);
    int total = CovarianceSums.rowOffset(dimension, dimension);
    int b = Math.max(1, Math.min(blocks, dimension));
    int[] bounds = new int[b + 1];
    bounds[b] = dimension;
    int r = 0;
    for (int k = 1; k < b; k++) {
      double target = (double) total * k / b;
      // Advance while the next row boundary lands closer to the target.
      while (r < dimension && Math.abs(CovarianceSums.rowOffset(dimension, r + 1) - target)
          <= Math.abs(CovarianceSums.rowOffset(dimension, r) - target)) {
        r++;
      }
      // Every block keeps at least one row.
      bounds[k] = Math.min(Math.max(r, bounds[k - 1] + 1), dimension - (b - k));
      r = bounds[k];
    }
    return bounds;
  }

  /** Checks that {@code bounds} rise strictly from 0 to {@code dimension}. */
  static void checkBounds(int[] bounds, int dimension) {
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
    int d = first.dimension();
    double[] values = new double[CovarianceSums.rowOffset(d, d)];
    int expectedRow = 0;
    for (CovarianceSums block : sorted) {
      checkAgrees(first, block, expectedRow);
      System.arraycopy(block.valuesRef(), 0, values, CovarianceSums.rowOffset(d, block.rowStart()),
          block.valuesRef().length);
      expectedRow = block.rowEnd();
    }
    if (expectedRow != d) {
      throw new IllegalArgumentException("rows [" + expectedRow + ", " + d + ") are missing");
    }
    return new CovarianceSums(d, 0, d, first.count(), first.mean(), values);
  }

  /** Checks that {@code block} starts at {@code row} and has {@code first}'s dimension, count and mean. */
  private static void checkAgrees(CovarianceSums first, CovarianceSums block, int row) {
    if (block.dimension() != first.dimension()) {
      throw new IllegalArgumentException(block.describe() + " does not match dimension "
          + first.dimension());
    }
    if (block.rowStart() != row) {
      throw new IllegalArgumentException(block.rowStart() > row
          ? "rows [" + row + ", " + block.rowStart() + ") are missing"
          : block.describe() + " overlaps rows before " + row);
    }
    if (block.count() != first.count()) {
      throw new IllegalArgumentException(block.describe() + " has count " + block.count()
          + " but " + first.describe() + " has " + first.count());
    }
    double[] mean = first.mean();
    double[] other = block.mean();
    double tolerance = MEAN_TOLERANCE * Arrays.stream(mean).map(Math::abs).max().orElse(0);
    for (int j = 0; j < mean.length; j++) {
      if (!(Math.abs(other[j] - mean[j]) <= tolerance)) {
        throw new IllegalArgumentException(block.describe() + " has mean[" + j + "] = "
            + other[j] + " but " + first.describe() + " has " + mean[j]);
      }
    }
  }
}
