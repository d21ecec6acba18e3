package io.fruits.pipeline.pca;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasUpper;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dsyrk;

import org.bytedeco.javacpp.DoublePointer;

/**
 * A map task's covariance sums, built batch by batch: each batch is centred at its own mean, its
 * centred products are added by OpenBLAS's {@code dsyrk} into a full d×d matrix in native memory,
 * and its mean joins the sums by Chan's update. The products are the one step whose cost per row
 * grows with d² (819,000 multiply-adds a row at d = 1280); {@code dsyrk} does them in ~28 µs a row
 * on an idle core (batches of 32), where the Java loops it replaced took ~146; inside the embed
 * tasks, between inferences, the sums cost 91 instead of 185 µs an image. The matrix is folded
 * into the sums by {@link #sums}. The embed tasks' sums and the removed sums of an incremental
 * run's dropped rows are both built here.
 *
 * <p>Holds 8·d² bytes of native memory (13 MB at d = 1280), touched only once a batch is added,
 * and a scratch copy of the largest batch, until closed. Not thread-safe.
 */
public final class CovarianceAccumulator implements AutoCloseable {

  static {
    OpenBlas.useOneThread();
  }

  private final CovarianceSums sums;
  /** Row-major d×d; its upper triangle holds the products added since the last fold. */
  private final DoublePointer products;
  private boolean unfolded;
  private double[] centred = new double[0];
  private DoublePointer centredRows = new DoublePointer(0L);

  public CovarianceAccumulator(int dimension) {
    this.sums = new CovarianceSums(dimension);
    this.products = new DoublePointer((long) dimension * dimension);
  }

  /** d, the length of every row added. */
  public int dimension() {
    return sums.dimension();
  }

  /**
   * Adds {@code n} rows of length d stored row-major from index 0 of {@code data}.
   *
   * @throws IllegalArgumentException if {@code data} is too short or holds a NaN or infinity
   */
  public void addBatch(float[] data, int n) {
    int d = sums.dimension();
    double[] batchMean = CovarianceSums.batchMean(data, n, d);
    if (batchMean == null) {
      return;
    }
    int values = n * d;
    if (centred.length < values) {
      centred = new double[values];
      centredRows.close();
      centredRows = new DoublePointer(values);
    }
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        centred[r * d + j] = data[r * d + j] - batchMean[j];
      }
    }
    centredRows.put(centred, 0, values);
    // The first batch after a fold overwrites the matrix, so it is never cleared.
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, d, n, 1.0, centredRows, d,
        unfolded ? 1.0 : 0.0, products, d);
    unfolded = true;
    sums.addBatchMean(n, batchMean);
  }

  /** The sums of every row added so far; they are this accumulator's own, until it adds more. */
  public CovarianceSums sums() {
    if (unfolded) {
      int d = sums.dimension();
      double[] row = new double[d];
      for (int i = 0; i < d; i++) {
        products.position((long) i * d + i).get(row, i, d - i);
        sums.addCoMomentRow(i, row);
      }
      products.position(0);
      unfolded = false;
    }
    return sums;
  }

  @Override
  public void close() {
    products.close();
    centredRows.close();
  }
}
