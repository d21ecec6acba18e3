package io.fruits.pipeline.pca;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasUpper;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dsyrk;

import org.bytedeco.javacpp.DoublePointer;

/**
 * A map task's covariance sums, built block by block: rows are collected into blocks of {@value
 * #BLOCK_ROWS}, each block is centred at its own mean, its centred products are added by
 * OpenBLAS's {@code dsyrk} into a full d×d matrix in native memory, and its mean joins the sums by
 * Chan's update. The products are the one step whose cost per row grows with d² (819,000
 * multiply-adds a row at d = 1280); {@code dsyrk} does them in ~28 µs a row on an idle core, where
 * the Java loops it replaced took ~146. Each call reads and writes the whole matrix, so the
 * blocks are the accumulator's own, whatever number of rows a caller adds at a time: the embed
 * tasks add their few-image inference batches, and the blocks, and so the sums bit for bit, stay
 * those of 32 rows in arrival order. The matrix is folded into the sums by {@link #sums}. The
 * embed tasks' sums and the removed sums of an incremental run's dropped rows are both built here.
 *
 * <p>Holds 8·d² bytes of native memory (13 MB at d = 1280), touched only once a block is added,
 * and one block of rows, until closed. Not thread-safe.
 */
public final class CovarianceAccumulator implements AutoCloseable {

  static {
    OpenBlas.useOneThread();
  }

  /**
   * Rows a {@code dsyrk} call adds. Fewer would make the calls read and write the 13 MB matrix
   * more often per row; more gained nothing measurable (256 against 32, on an idle core).
   */
  static final int BLOCK_ROWS = 32;

  private final CovarianceSums sums;
  /** Row-major d×d; its upper triangle holds the products added since the last fold. */
  private final DoublePointer products;
  private boolean unfolded;
  /** The block being filled, {@link #pending} rows of d, row-major. */
  private final float[] block;
  private int pending;
  private final double[] centred;
  private final DoublePointer centredRows;

  public CovarianceAccumulator(int dimension) {
    this.sums = new CovarianceSums(dimension);
    this.products = new DoublePointer((long) dimension * dimension);
    block = new float[BLOCK_ROWS * dimension];
    centred = new double[block.length];
    centredRows = new DoublePointer(block.length);
  }

  /** d, the length of every row added. */
  public int dimension() {
    return sums.dimension();
  }

  /**
   * Adds {@code n} rows of length d stored row-major from index 0 of {@code data}. Rows are
   * checked here, so a call that throws has added none of them.
   *
   * @throws IllegalArgumentException if {@code data} is too short or holds a NaN or infinity
   */
  public void addRows(float[] data, int n) {
    int d = sums.dimension();
    if (n < 0 || (long) n * d > data.length) {
      throw new IllegalArgumentException(
          n + " rows of " + d + " need " + (long) n * d + " floats, got " + data.length);
    }
    for (int i = 0; i < n * d; i++) {
      if (!Float.isFinite(data[i])) {
        throw new IllegalArgumentException("column " + i % d + " of the batch is not finite");
      }
    }
    for (int r = 0; r < n; ) {
      int rows = Math.min(n - r, BLOCK_ROWS - pending);
      System.arraycopy(data, r * d, block, pending * d, rows * d);
      pending += rows;
      r += rows;
      if (pending == BLOCK_ROWS) {
        addBlock();
      }
    }
  }

  /** The {@link #pending} rows of {@link #block} into the products and the sums' mean. */
  private void addBlock() {
    int d = sums.dimension();
    int n = pending;
    if (n == 0) {
      return;
    }
    // Rows were checked as they came (addRows), so the mean needs no checks of its own.
    double[] blockMean = new double[d];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        blockMean[j] += block[r * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      blockMean[j] /= n;
    }
    int values = n * d;
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        centred[r * d + j] = block[r * d + j] - blockMean[j];
      }
    }
    centredRows.put(centred, 0, values);
    // The first block after a fold overwrites the matrix, so it is never cleared.
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, d, n, 1.0, centredRows, d,
        unfolded ? 1.0 : 0.0, products, d);
    unfolded = true;
    sums.addBatchMean(n, blockMean);
    pending = 0;
  }

  /** The sums of every row added so far; they are this accumulator's own, until it adds more. */
  public CovarianceSums sums() {
    addBlock();
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
