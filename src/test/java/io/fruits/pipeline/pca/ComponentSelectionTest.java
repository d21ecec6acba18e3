package io.fruits.pipeline.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComponentSelectionTest {

  @Test
  void countKeepsExactlyK() {
    double[] ratios = {0.7, 0.2, 0.1};
    assertEquals(1, ComponentSelection.count(1).choose(ratios));
    assertEquals(3, ComponentSelection.count(3).choose(ratios));
  }

  @Test
  void countRejectsKOutsideOneToDimension() {
    assertThrows(IllegalArgumentException.class, () -> ComponentSelection.count(0));
    assertThrows(IllegalArgumentException.class, () -> ComponentSelection.count(-2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ComponentSelection.count(4).choose(new double[] {0.5, 0.3, 0.2}));
    assertTrue(e.getMessage().contains("4"), e.getMessage());
  }

  @Test
  void varianceRejectsFractionsOutsideZeroToOne() {
    for (double bad : new double[] {0, -0.1, 1.0001, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> ComponentSelection.variance(bad),
          "fraction " + bad);
    }
    assertEquals(3, ComponentSelection.variance(1).choose(new double[] {0.5, 0.3, 0.2}));
  }

  @Test
  void varianceKeepsTheFewestComponentsReachingTheFraction() {
    double[] ratios = {0.5, 0.25, 0.125, 0.125};
    assertEquals(1, ComponentSelection.variance(0.3).choose(ratios));
    assertEquals(1, ComponentSelection.variance(0.5).choose(ratios));
    assertEquals(2, ComponentSelection.variance(0.51).choose(ratios));
    assertEquals(2, ComponentSelection.variance(0.75).choose(ratios));
    assertEquals(3, ComponentSelection.variance(0.8).choose(ratios));
    assertEquals(4, ComponentSelection.variance(0.9).choose(ratios));
  }

  @Test
  void fullVarianceStopsAtTheRankDespiteRounding() {
    // Ratios of a rank-3 covariance whose sum rounds just below 1.
    double[] ratios = {0.1, 0.2, 0.7 - 1e-15, 1e-19, 0};
    Arrays.sort(ratios);
    reverse(ratios);
    assertEquals(3, ComponentSelection.variance(1).choose(ratios));
  }

  @Test
  void varianceChoiceIsMinimalOnRandomSpectra() {
    Random random = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      double[] ratios = randomRatios(1 + random.nextInt(50), random);
      double fraction = 0.01 + 0.99 * random.nextDouble();
      int k = ComponentSelection.variance(fraction).choose(ratios);
      double before = 0;
      for (int i = 0; i < k - 1; i++) {
        before += ratios[i];
      }
      double reached = before + ratios[k - 1];
      assertTrue(reached >= fraction - 1e-12, "k=" + k + " reaches only " + reached);
      assertTrue(before < fraction - 1e-12, "k-1=" + (k - 1) + " already reaches " + before);
    }
  }

  private static double[] randomRatios(int n, Random random) {
    double[] ratios = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      ratios[i] = -Math.log(random.nextDouble());
      sum += ratios[i];
    }
    for (int i = 0; i < n; i++) {
      ratios[i] /= sum;
    }
    Arrays.sort(ratios);
    reverse(ratios);
    return ratios;
  }

  private static void reverse(double[] values) {
    for (int i = 0, j = values.length - 1; i < j; i++, j--) {
      double t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }
}
