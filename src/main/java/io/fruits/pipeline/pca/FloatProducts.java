package io.fruits.pipeline.pca;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

/**
 * Dot products of every row of one row-major float matrix with every row of another, by OpenBLAS's
 * sgemm (shipped in the jar with OpenCV's natives, for x86-64 and aarch64), one thread per call
 * ({@link OpenBlas}).
 */
public final class FloatProducts {

  static {
    OpenBlas.useOneThread();
  }

  private FloatProducts() {}

  /**
   * {@code out[i*bRows + j] = a_i · b_j} for the {@code aRows} rows of {@code a} and the
   * {@code bRows} rows of {@code b}, each of {@code columns} values.
   */
  public static void rowDots(float[] a, int aRows, float[] b, int bRows, int columns, float[] out) {
    if ((long) aRows * columns > a.length || (long) bRows * columns > b.length
        || (long) aRows * bRows > out.length) {
      throw new IllegalArgumentException("matrices smaller than " + aRows + "×" + columns + ", "
          + bRows + "×" + columns + " and " + aRows + "×" + bRows);
    }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, aRows, bRows, columns,
        1f, a, columns, b, columns, 0f, out, bRows);
  }
}
