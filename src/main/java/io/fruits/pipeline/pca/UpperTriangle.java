package io.fruits.pipeline.pca;

/**
 * Index arithmetic for a symmetric d×d matrix stored as its packed upper triangle (row-major,
 * row i holds columns i..d−1), and Chan et al.'s pairwise co-moment update over a range of rows.
 */
final class UpperTriangle {

  private UpperTriangle() {}

  /** Index of element (row, row) in the packed triangle; {@code rowOffset(d, d)} is its size. */
  static int rowOffset(int dimension, int row) {
    return (int) ((long) row * dimension - (long) row * (row - 1) / 2);
  }

  /** Whether the dimension is positive and its packed triangle fits in one Java array. */
  static boolean fits(int dimension) {
    return dimension >= 1 && (long) dimension * (dimension + 1) / 2 <= Integer.MAX_VALUE - 8;
  }

  static void checkDimension(int dimension) {
    if (!fits(dimension)) {
      throw new IllegalArgumentException("dimension must be between 1 and the size whose "
          + "triangle fits in one array, got " + dimension);
    }
  }

  /**
   * Merges sums B into sums A for rows [rowStart, rowEnd): n = na + nb, δ = meanB − meanA,
   * meanA += δ·nb/n, M2A += M2B + δδᵀ·na·nb/n. Both counts must be positive; the caller
   * handles empty operands (and updates the count) so that copying stays exact.
   *
   * @param valuesA packed rows rowStart..rowEnd−1 of M2A, updated in place
   * @param valuesB the same rows of M2B
   */
  static void chanMerge(int dimension, int rowStart, int rowEnd,
      long countA, double[] meanA, double[] valuesA,
      long countB, double[] meanB, double[] valuesB) {
    double total = (double) countA + countB;
    double weight = countA / total * countB;
    double[] delta = new double[dimension];
    for (int j = 0; j < dimension; j++) {
      delta[j] = meanB[j] - meanA[j];
    }
    int first = rowOffset(dimension, rowStart);
    for (int i = rowStart; i < rowEnd; i++) {
      // Element (i, j) of this range sits at base + j.
      int base = rowOffset(dimension, i) - first - i;
      double a = weight * delta[i];
      for (int j = i; j < dimension; j++) {
        valuesA[base + j] += valuesB[base + j] + a * delta[j];
      }
    }
    double shift = countB / total;
    for (int j = 0; j < dimension; j++) {
      meanA[j] += delta[j] * shift;
    }
  }
}
