package io.fruits.pipeline.testing;

import io.fruits.pipeline.pca.PcaModel;

/**
 * Scores computed the plain way, in double precision, one component at a time: the reference the
 * pipeline's batched single-precision projection ({@code pca.BatchProjector}) is checked against.
 */
public final class ReferenceProjection {

  private ReferenceProjection() {}

  /** (x − mean)·c_i for each of the model's k components. */
  public static float[] of(PcaModel pca, float[] x) {
    double[] mean = pca.mean();
    double[][] components = pca.components();
    float[] scores = new float[pca.k()];
    for (int i = 0; i < scores.length; i++) {
      double score = 0;
      for (int j = 0; j < mean.length; j++) {
        score += (x[j] - mean[j]) * components[i][j];
      }
      scores[i] = (float) score;
    }
    return scores;
  }
}
