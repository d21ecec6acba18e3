package io.fruits.pipeline.pca;

import java.util.Random;

/**
 * Test oracle: the textbook two-pass mean and co-moment (mean first, then Σ(x−m)(x−m)ᵀ in double),
 * written independently of the code under test, plus data generators and error measures.
 */
final class TwoPassReference {

  private TwoPassReference() {}

  static double[] mean(float[] data, int n, int d) {
    double[] mean = new double[d];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        mean[j] += data[r * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    return mean;
  }

  /** Full symmetric Σ(x−m)(x−m)ᵀ. */
  static double[][] coMoment(float[] data, int n, int d) {
    double[] mean = mean(data, n, d);
    double[][] m2 = new double[d][d];
    double[] c = new double[d];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        c[j] = data[r * d + j] - mean[j];
      }
      for (int i = 0; i < d; i++) {
        double[] row = m2[i];
        double a = c[i];
        for (int j = i; j < d; j++) {
          row[j] += a * c[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < i; j++) {
        m2[i][j] = m2[j][i];
      }
    }
    return m2;
  }

  static double[][] covariance(float[] data, int n, int d) {
    double[][] cov = coMoment(data, n, d);
    for (double[] row : cov) {
      for (int j = 0; j < d; j++) {
        row[j] /= n - 1;
      }
    }
    return cov;
  }

  /** The full symmetric matrix of a packed upper triangle, element (i, j ≥ i) walked in order. */
  static double[][] unpack(double[] packed, int d) {
    double[][] full = new double[d][d];
    int p = 0;
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        full[i][j] = packed[p];
        full[j][i] = packed[p];
        p++;
      }
    }
    if (p != packed.length) {
      throw new AssertionError("packed triangle of " + d + " has " + packed.length + " values");
    }
    return full;
  }

  /** max |actual − expected| / max |expected|. */
  static double relativeError(double[][] actual, double[][] expected) {
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        diff = Math.max(diff, Math.abs(actual[i][j] - expected[i][j]));
        scale = Math.max(scale, Math.abs(expected[i][j]));
      }
    }
    return diff / scale;
  }

  static double relativeError(double[] actual, double[] expected) {
    return relativeError(new double[][] {actual}, new double[][] {expected});
  }

  /**
   * Rows like ReLU6 features with means far from zero: each value is 2 + 4·(0.7·u + 0.3·f·w), in
   * [2, 6], where u is per value, f per row and w per column, so columns are correlated.
   */
  static float[] structuredRows(int n, int d, Random random) {
    double[] w = new double[d];
    for (int j = 0; j < d; j++) {
      w[j] = random.nextDouble();
    }
    float[] data = new float[n * d];
    for (int r = 0; r < n; r++) {
      double f = random.nextDouble();
      for (int j = 0; j < d; j++) {
        data[r * d + j] = (float) (2 + 4 * (0.7 * random.nextDouble() + 0.3 * f * w[j]));
      }
    }
    return data;
  }

  /** Rows [from, to) copied to the start of a fresh array with some trailing garbage. */
  static float[] slice(float[] data, int d, int from, int to) {
    float[] out = new float[(to - from) * d + 3];
    System.arraycopy(data, from * d, out, 0, (to - from) * d);
    out[out.length - 1] = Float.NaN;
    return out;
  }

  /** The sums of rows [from, to), added to a {@link CovarianceAccumulator} in one batch. */
  static CovarianceSums sumsOf(float[] data, int d, int from, int to) {
    return sumsOf(data, d, from, to, to - from);
  }

  /** The sums of rows [from, to), added in batches of {@code batchSize} rows (the last shorter). */
  static CovarianceSums sumsOf(float[] data, int d, int from, int to, int batchSize) {
    try (CovarianceAccumulator accumulator = new CovarianceAccumulator(d)) {
      addInBatches(accumulator, data, d, from, to, batchSize);
      return accumulator.sums();
    }
  }

  /** Adds rows [from, to) to {@code accumulator}, each batch a fresh {@link #slice}. */
  static void addInBatches(CovarianceAccumulator accumulator, float[] data, int d, int from,
      int to, int batchSize) {
    for (int start = from; start < to; start += batchSize) {
      int end = Math.min(to, start + batchSize);
      accumulator.addRows(slice(data, d, start, end), end - start);
    }
  }
}
