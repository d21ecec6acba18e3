package io.fruits.pipeline.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.testing.ReferenceProjection;
import io.fruits.pipeline.testing.Embeddings;
import io.fruits.pipeline.testing.SharedData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PCA on MobileNetV2 embeddings of real Fruits-360 photos, against a two-pass reference. */
class PcaOnRealEmbeddingsTest {

  private static final int D = 1280;
  private static float[] embeddings;
  private static int n;

  @BeforeAll
  static void embedPhotos() throws Exception {
    float[][] features = Embeddings.of(SharedData.floatModel(), SharedData.fruits(10, 8));
    n = features.length;
    embeddings = new float[n * D];
    for (int i = 0; i < n; i++) {
      System.arraycopy(features[i], 0, embeddings, i * D, D);
    }
  }

  @Test
  void partialsMergedInAnyOrderEqualTheTwoPassCovariance() {
    // Uneven "map tasks", merged in shuffled order, like several splits through the reducer.
    List<CovarianceSums> partials = new ArrayList<>();
    int[] sizes = {1, 7, 12, 20, 40};
    int row = 0;
    for (int size : sizes) {
      partials.add(TwoPassReference.sumsOf(embeddings, D, row, row + size));
      row += size;
    }
    assertEquals(n, row);
    Collections.shuffle(partials, new Random(3));
    CovarianceSums merged = new CovarianceSums(D);
    partials.forEach(merged::merge);

    double[][] expected = TwoPassReference.covariance(embeddings, n, D);
    double[][] actual = merged.covariance();
    double scale = 0;
    double error = 0;
    for (int i = 0; i < D; i++) {
      for (int j = 0; j < D; j++) {
        scale = Math.max(scale, Math.abs(expected[i][j]));
        error = Math.max(error, Math.abs(expected[i][j] - actual[i][j]));
      }
    }
    assertTrue(error <= 1e-9 * scale, "max error " + error + " vs scale " + scale);
    assertArrayEquals(TwoPassReference.mean(embeddings, n, D), merged.mean(), 1e-9);
  }

  @Test
  void componentsAreOrthonormalRatiosSumToOneAndTheMeanProjectsToZero() {
    CovarianceSums sums = TwoPassReference.sumsOf(embeddings, D, 0, n);
    PcaModel pca = PcaModel.fit(sums, ComponentSelection.variance(0.95), "test");
    double[][] components = pca.components();
    assertTrue(pca.k() >= 10, "k " + pca.k());
    for (int a = 0; a < pca.k(); a++) {
      for (int b = a; b < pca.k(); b++) {
        double dot = 0;
        for (int j = 0; j < D; j++) {
          dot += components[a][j] * components[b][j];
        }
        assertEquals(a == b ? 1.0 : 0.0, dot, 1e-9, "components " + a + "·" + b);
      }
    }
    double total = 0;
    for (double ratio : pca.explainedVarianceRatio()) {
      total += ratio;
    }
    assertEquals(1.0, total, 1e-9);
    assertTrue(pca.k() < n, "95% of the variance of " + n + " images needs fewer than n components");

    double[] mean = pca.mean();
    float[] meanAsFloats = new float[D];
    for (int j = 0; j < D; j++) {
      meanAsFloats[j] = (float) mean[j];
    }
    for (float value : ReferenceProjection.of(pca, meanAsFloats)) {
      assertEquals(0.0, value, 1e-5);
    }
  }
}
