package io.fruits.pipeline.pca;

import java.util.Objects;

/**
 * Projects rows onto a PCA model's k components a batch at a time: each row is centred in double
 * precision, then the batch is multiplied by the components in one single-precision matrix
 * product ({@link FloatProducts}, OpenBLAS). A Java loop per row made projection the slowest
 * stage after embedding (53,000 rows × 1280 × 377 took 17 task-seconds); sgemm does it in well
 * under one. A score is the same whatever rows share its row's batch, so a run reproduces its
 * scores bit for bit on the same kind of CPU; OpenBLAS's generic x86 kernels can also change last
 * bits with the row's position in the batch, which is the same in every run of the same input.
 */
public final class BatchProjector {

  private final int dimension;
  private final int k;
  private final int capacity;
  private final double[] mean;
  private final float[] components;
  private final float[] centred;
  private final float[] scores;
  private int rows;

  /** A projector for batches of up to {@code capacity} rows. */
  public BatchProjector(PcaModel pca, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.dimension = pca.dimension();
    this.k = pca.k();
    this.capacity = capacity;
    this.mean = pca.mean();
    double[] rowMajor = pca.componentsRef();
    this.components = new float[rowMajor.length];
    for (int i = 0; i < rowMajor.length; i++) {
      components[i] = (float) rowMajor[i];
    }
    this.centred = new float[capacity * dimension];
    this.scores = new float[capacity * k];
  }

  public boolean isFull() {
    return rows == capacity;
  }

  /** Adds {@code x[offset .. offset+d)} as the batch's next row. */
  public void add(float[] x, int offset) {
    Objects.checkFromIndexSize(offset, dimension, x.length);
    if (isFull()) {
      throw new IllegalStateException("the batch holds " + capacity + " rows already");
    }
    int base = rows * dimension;
    for (int j = 0; j < dimension; j++) {
      centred[base + j] = (float) (x[offset + j] - mean[j]);
    }
    rows++;
  }

  /**
   * Projects the rows added so far; {@link #scores} then reads them until {@link #clear}. The
   * product always covers the whole capacity: OpenBLAS picks other kernels, which add in another
   * order, for a few rows than for many, so a partial batch would change its rows' last bits.
   * Rows past those added are left from earlier batches and their scores ignored.
   */
  public void project() {
    if (rows > 0) {
      FloatProducts.rowDots(centred, capacity, components, k, dimension, scores);
    }
  }

  /** The k scores of row {@code row} of the projected batch, copied into {@code out}. */
  public float[] scores(int row, float[] out) {
    Objects.checkIndex(row, rows);
    System.arraycopy(scores, row * k, out, 0, k);
    return out;
  }

  /** Empties the batch for the next rows. */
  public void clear() {
    rows = 0;
  }
}
