package io.fruits.pipeline.pca;

import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS as this package calls it: one thread per call. A map task owns one core, and the
 * driver spreads its own calls over its cores; OpenBLAS's default of a thread per core would
 * oversubscribe both.
 */
final class OpenBlas {

  private OpenBlas() {}

  /** Loads OpenBLAS if needed and sets it to one thread; the classes that call it do so once. */
  static void useOneThread() {
    openblas_nolapack.blas_set_num_threads(1);
  }
}
