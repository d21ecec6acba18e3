package io.fruits.pipeline.report;

import io.fruits.pipeline.pca.FloatProducts;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact nearest training rows by squared Euclidean distance, |q|² + |t|² − 2 q·t, whose dot
 * products come from one matrix product per block of queries ({@link FloatProducts}); the blocks
 * share the driver's cores. 1,500 queries against 3,500 rows of k ≈ 400 took seconds as a loop of
 * distances, and take a fraction of one this way, so the report costs the same at any run size.
 */
final class Neighbours {

  private static final int BLOCK = 128;

  private final float[] train;
  private final int[] trainIndex;
  private final double[] trainNorms;
  private final int columns;

  /** The rows of {@code points} at {@code trainIndex}, to search. */
  Neighbours(float[][] points, int[] trainIndex) {
    this.trainIndex = trainIndex.clone();
    this.columns = points.length == 0 ? 0 : points[0].length;
    this.train = pack(points, trainIndex, 0, trainIndex.length, columns);
    this.trainNorms = norms(train, trainIndex.length, columns);
  }

  /**
   * For each row of {@code points} at {@code queries}, the indices (into {@code points}) of up to
   * {@code k} nearest training rows, nearest first; of equally near rows the earlier one.
   */
  int[][] nearest(float[][] points, int[] queries, int k) {
    int[][] result = new int[queries.length][];
    if (trainIndex.length == 0) {
      Arrays.fill(result, new int[0]);
      return result;
    }
    IntStream.range(0, (queries.length + BLOCK - 1) / BLOCK).parallel().forEach(block -> {
      int from = block * BLOCK;
      int rows = Math.min(BLOCK, queries.length - from);
      float[] query = pack(points, queries, from, rows, columns);
      double[] queryNorms = norms(query, rows, columns);
      float[] dots = new float[rows * trainIndex.length];
      FloatProducts.rowDots(query, rows, train, trainIndex.length, columns, dots);
      for (int q = 0; q < rows; q++) {
        result[from + q] = best(dots, q * trainIndex.length, queryNorms[q], k);
      }
    });
    return result;
  }

  private int[] best(float[] dots, int offset, double queryNorm, int k) {
    int size = Math.min(k, trainIndex.length);
    int[] best = new int[size];
    double[] bestDistance = new double[size];
    int filled = 0;
    for (int t = 0; t < trainIndex.length; t++) {
      double d = queryNorm + trainNorms[t] - 2.0 * dots[offset + t];
      if (filled == size && d >= bestDistance[size - 1]) {
        continue;
      }
      int at = filled < size ? filled++ : size - 1;
      while (at > 0 && bestDistance[at - 1] > d) {
        best[at] = best[at - 1];
        bestDistance[at] = bestDistance[at - 1];
        at--;
      }
      best[at] = trainIndex[t];
      bestDistance[at] = d;
    }
    return best;
  }

  private static float[] pack(float[][] points, int[] index, int from, int rows, int columns) {
    float[] packed = new float[rows * columns];
    for (int r = 0; r < rows; r++) {
      float[] row = points[index[from + r]];
      if (row.length != columns) {
        throw new IllegalArgumentException("rows of " + columns + " and " + row.length + " values");
      }
      System.arraycopy(row, 0, packed, r * columns, columns);
    }
    return packed;
  }

  private static double[] norms(float[] packed, int rows, int columns) {
    double[] norms = new double[rows];
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int c = 0; c < columns; c++) {
        double v = packed[r * columns + c];
        sum += v * v;
      }
      norms[r] = sum;
    }
    return norms;
  }
}
