package io.fruits.pipeline.pca;

import static io.fruits.pipeline.pca.TwoPassReference.sumsOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcaModelTest {

  /** A full-rank spectrum in few dimensions, estimated from many rows. */
  private static final int D = 48;
  private static final int N = 200_000;

  private static KnownSpectrum spectrum;
  private static float[] data;
  private static CovarianceSums sums;
  private static PcaModel model;

  @BeforeAll
  static void fitSmallModel() {
    Random random = new Random(11);
    spectrum = KnownSpectrum.geometric(D, D, 5.0, 0.8, 0, random);
    data = spectrum.rows(N, random);
    sums = sumsOf(data, D, 0, N, 32);
    model = PcaModel.fit(sums, ComponentSelection.variance(0.9), "test-model");
  }

  @Test
  void eigenvaluesMatchTheKnownSpectrumWithinSamplingError() {
    assertLeadingEigenvaluesNearTruth(model, spectrum, N, 10);
  }

  @Test
  void eigenvaluesAndComponentsMatchADirectDecompositionOfTheTwoPassCovariance() {
    EjmlEigen reference = new EjmlEigen(TwoPassReference.covariance(data, N, D));
    assertMatchesReference(model, reference, 10);
  }

  @Test
  void leadingComponentsAlignWithTheTrueBasis() {
    assertLeadingComponentsAligned(model, spectrum, N, 8);
  }

  @Test
  void componentsAreOrthonormal() {
    double[][] v = model.components();
    assertEquals(model.k(), v.length);
    for (int i = 0; i < v.length; i++) {
      for (int j = i; j < v.length; j++) {
        assertEquals(i == j ? 1 : 0, dot(v[i], v[j]), 1e-9, "components " + i + ", " + j);
      }
    }
  }

  @Test
  void largestLoadingOfEachComponentIsPositive() {
    for (double[] component : model.components()) {
      double largest = 0;
      for (double loading : component) {
        if (Math.abs(loading) > Math.abs(largest)) {
          largest = loading;
        }
      }
      assertTrue(largest > 0, "largest loading " + largest);
    }
  }

  @Test
  void ratiosSumToOneAndKIsTheFewestReachingTheFraction() {
    double[] ratios = model.explainedVarianceRatio();
    double[] eigenvalues = model.eigenvalues();
    double total = 0;
    double trace = 0;
    for (int i = 0; i < D; i++) {
      total += ratios[i];
      trace += eigenvalues[i];
      assertTrue(eigenvalues[i] >= 0);
      assertTrue(i == 0 || eigenvalues[i] <= eigenvalues[i - 1], "eigenvalues descend");
    }
    assertEquals(1, total, 1e-12);
    assertEquals(eigenvalues[3] / trace, ratios[3], 1e-15);

    double cumulative = 0;
    int expectedK = 0;
    while (cumulative < 0.9) {
      cumulative += ratios[expectedK++];
    }
    assertEquals(expectedK, model.k());
    assertEquals(cumulative, model.cumulativeExplainedVariance(), 1e-12);
    assertTrue(model.cumulativeExplainedVariance() - ratios[expectedK - 1] < 0.9);
  }

  @Test
  void describesItsInputs() {
    assertEquals("test-model", model.modelName());
    assertEquals(N, model.count());
    assertEquals(D, model.dimension());
    assertArrayEquals(sums.mean(), model.mean());
  }

  @Test
  void fittingTheSameSumsTwiceGivesIdenticalComponents() {
    PcaModel again = PcaModel.fit(sums, ComponentSelection.variance(0.9), "test-model");
    double[][] first = model.components();
    double[][] second = again.components();
    assertEquals(model.k(), second.length);
    for (int i = 0; i < second.length; i++) {
      assertArrayEquals(first[i], second[i]);
    }
  }

  @Test
  void accessorsReturnCopies() {
    model.components()[0][0] = 99;
    model.mean()[0] = 99;
    model.eigenvalues()[0] = -1;
    assertTrue(model.components()[0][0] != 99);
    assertTrue(model.mean()[0] != 99);
    assertTrue(model.eigenvalues()[0] > 0);
  }

  @Test
  void fitRejectsTooFewRowsConstantDataAndTooLargeK() {
    CovarianceSums one = sumsOf(data, D, 0, 1);
    assertThrows(IllegalStateException.class,
        () -> PcaModel.fit(one, ComponentSelection.count(1), "m"));
    CovarianceSums constant = sumsOf(new float[] {1, 2, 3, 1, 2, 3}, 3, 0, 2);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PcaModel.fit(constant, ComponentSelection.count(1), "m"));
    assertTrue(e.getMessage().contains("constant"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> PcaModel.fit(sums, ComponentSelection.count(D + 1), "m"));
  }

  @Test
  void kAboveTheSampleCountIsAllowed() {
    CovarianceSums few = sumsOf(data, D, 0, 5);
    PcaModel fitted = PcaModel.fit(few, ComponentSelection.count(10), "m");
    assertEquals(10, fitted.k());
    // Rank 4: the eigenvalues past the fourth are rounding noise, some of it negative.
    assertEquals(1, fitted.cumulativeExplainedVariance(), 1e-12);
    assertEquals(0, fitted.explainedVarianceRatio()[4], 1e-12);
    for (int i = 0; i < D; i++) {
      assertTrue(fitted.eigenvalues()[i] >= 0, "eigenvalue " + i);
      assertTrue(fitted.explainedVarianceRatio()[i] >= 0, "ratio " + i);
    }
  }

  /**
   * The production dimension, d = 1280: 16 decaying directions over isotropic noise, mean ≈ 3.
   * 4,000 rows rather than 200,000 keep the test near 20 s on one core (two 1280×1280
   * decompositions dominate); the tolerances below scale with 1/sqrt(n) accordingly.
   */
  @Test
  void fullDimensionSpectrumIsRecovered() {
    int d = 1280;
    int n = 4_000;
    Random random = new Random(1280);
    KnownSpectrum truth = KnownSpectrum.geometric(d, 16, 2.0, 0.6, 1e-3, random);
    float[] rows = truth.rows(n, random);
    CovarianceSums full = sumsOf(rows, d, 0, n, 32);

    long start = System.nanoTime();
    PcaModel fitted = PcaModel.fit(full, ComponentSelection.count(16), "mobilenet_v2");
    System.out.printf("PcaModel.fit on %dx%d took %.2f s%n", d, d,
        (System.nanoTime() - start) / 1e9);

    assertLeadingEigenvaluesNearTruth(fitted, truth, n, 8);
    assertLeadingComponentsAligned(fitted, truth, n, 6);
    EjmlEigen reference = new EjmlEigen(TwoPassReference.covariance(rows, n, d));
    assertMatchesReference(fitted, reference, 6);
  }

  /**
   * Commons Math in production against EJML as the oracle, on the very same covariance: d = 200,
   * a decaying spectrum over noise, from more rows than dimensions and from fewer (singular).
   * Every component is kept, so all of them can be compared.
   */
  @ParameterizedTest
  @ValueSource(ints = {2_000, 50})
  void fitAgreesWithEjmlOnTheSameCovariance(int n) {
    int d = 200;
    Random random = new Random(200 + n);
    KnownSpectrum truth = KnownSpectrum.geometric(d, 40, 4.0, 0.85, 1e-2, random);
    CovarianceSums sums = sumsOf(truth.rows(n, random), d, 0, n);
    double[][] covariance = sums.covariance();
    PcaModel fitted = PcaModel.fit(sums, ComponentSelection.count(d), "m");

    EjmlEigen reference = new EjmlEigen(covariance);
    double[] referenceValues = reference.getRealEigenvalues();
    Integer[] order = new Integer[d];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(referenceValues[b], referenceValues[a]));
    double bound = backwardErrorBound(covariance);

    // Weyl: each algorithm is within the bound of the exact eigenvalues; clamping at 0 keeps that.
    double[] eigenvalues = fitted.eigenvalues();
    for (int i = 0; i < d; i++) {
      assertEquals(Math.max(0, referenceValues[order[i]]), eigenvalues[i], 2 * bound,
          "eigenvalue " + i);
    }

    // Davis–Kahan: each eigenvector is within angle bound/gap of the exact one, so the two are
    // within 2·bound/gap of each other, and ‖v − ±w‖ ≤ √2·sin θ. Only well-separated ones count.
    double[][] components = fitted.components();
    int compared = 0;
    for (int i = 0; i < d; i++) {
      double gap = Double.POSITIVE_INFINITY;
      if (i > 0) {
        gap = referenceValues[order[i - 1]] - referenceValues[order[i]];
      }
      if (i < d - 1) {
        gap = Math.min(gap, referenceValues[order[i]] - referenceValues[order[i + 1]]);
      }
      if (bound / gap > 1e-6) {
        continue;
      }
      double[] expected = reference.getEigenvector(order[i]);
      double sign = Math.signum(dot(components[i], expected));
      double distance = 0;
      for (int j = 0; j < d; j++) {
        double diff = components[i][j] - sign * expected[j];
        distance += diff * diff;
      }
      assertEquals(0, Math.sqrt(distance), 3 * bound / gap, "component " + i);
      compared++;
    }
    assertTrue(compared >= 30, "only " + compared + " well-separated components compared");

    assertReconstructs(fitted, covariance, 3 * bound);
  }

  /**
   * Every feature equal within each row: the covariance is exactly the all-ones matrix 11ᵀ, of
   * rank 1. Without the spectral shift EJML's QR iteration gives up on this one, at d = 200, for
   * want of a deflation criterion in the round-off-sized null space.
   */
  @Test
  void fitsAnExactlyRankOneCovariance() {
    int d = 200;
    float[] rows = new float[3 * d];
    Arrays.fill(rows, d, 2 * d, 1);
    Arrays.fill(rows, 2 * d, 3 * d, 2);
    CovarianceSums sums = sumsOf(rows, d, 0, 3);
    PcaModel fitted = PcaModel.fit(sums, ComponentSelection.count(1), "m");

    // The sample variance of 0, 1, 2 is 1; 11ᵀ has eigenvalue d along 1/√d and 0 elsewhere.
    double bound = backwardErrorBound(sums.covariance());
    double[] eigenvalues = fitted.eigenvalues();
    assertEquals(d, eigenvalues[0], bound);
    for (int i = 1; i < d; i++) {
      assertEquals(0, eigenvalues[i], bound, "eigenvalue " + i);
    }
    for (double loading : fitted.components()[0]) {
      assertEquals(1 / Math.sqrt(d), loading, 1e-12);
    }
    assertEquals(1, fitted.cumulativeExplainedVariance(), 1e-12);
  }

  /**
   * A bound on ‖E‖₂ for both decompositions, each exact for C + E: Householder tridiagonalisation
   * and QR or QL sweeps are backward stable with ‖E‖₂ ≤ c·d·ε·‖C‖₂ for a small constant c. Here
   * c = 10, and ‖C‖₂ ≤ 2·trace(C) for a positive semi-definite C shifted by its trace.
   */
  private static double backwardErrorBound(double[][] covariance) {
    double trace = 0;
    for (int i = 0; i < covariance.length; i++) {
      trace += covariance[i][i];
    }
    return 10 * covariance.length * Math.ulp(1.0) * 2 * trace;
  }

  /** Σ λ_r v_r v_rᵀ over all d components equals the covariance within the tolerance. */
  private static void assertReconstructs(PcaModel model, double[][] covariance,
      double tolerance) {
    double[][] v = model.components();
    double[] lambda = model.eigenvalues();
    int d = covariance.length;
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        double sum = 0;
        for (int r = 0; r < d; r++) {
          sum += lambda[r] * v[r][i] * v[r][j];
        }
        assertEquals(covariance[i][j], sum, tolerance, "element " + i + ", " + j);
      }
    }
  }

  /**
   * A sample eigenvalue of Gaussian data has standard deviation about λ·sqrt(2/n); isotropic
   * noise σ² in the other d − r directions biases spike eigenvalues up by about (d/n)·σ². Allow
   * five standard deviations plus twice that bias.
   */
  private static void assertLeadingEigenvaluesNearTruth(PcaModel model, KnownSpectrum truth,
      long n, int leading) {
    double[] expected = truth.eigenvalues();
    double[] actual = model.eigenvalues();
    double bias = 2.0 * truth.dimension / n * truth.noise;
    for (int i = 0; i < leading; i++) {
      double tolerance = 5 * expected[i] * Math.sqrt(2.0 / n) + bias;
      assertEquals(expected[i], actual[i], tolerance, "eigenvalue " + i);
    }
  }

  /** 1 − cos² stays within ten times its first-order expectation (see KnownSpectrum). */
  private static void assertLeadingComponentsAligned(PcaModel model, KnownSpectrum truth,
      long n, int leading) {
    double[][] v = model.components();
    for (int i = 0; i < leading; i++) {
      double cos = dot(v[i], truth.basis[i]);
      double sinSquared = 1 - cos * cos;
      double expected = truth.expectedSinSquared(i, n);
      assertTrue(sinSquared <= 10 * expected,
          "component " + i + ": sin² " + sinSquared + ", expected about " + expected);
    }
  }

  /** All eigenvalues within 1e-9 of the largest; leading components equal up to sign. */
  private static void assertMatchesReference(PcaModel model, EjmlEigen reference,
      int leading) {
    double[] expected = reference.getRealEigenvalues().clone();
    Arrays.sort(expected);
    double[] actual = model.eigenvalues();
    int d = actual.length;
    double scale = expected[d - 1];
    for (int i = 0; i < d; i++) {
      assertEquals(Math.max(0, expected[d - 1 - i]), actual[i], 1e-9 * scale, "eigenvalue " + i);
    }
    double[][] v = model.components();
    for (int i = 0; i < leading; i++) {
      double[] ref = reference.getEigenvector(indexOf(reference.getRealEigenvalues(),
          expected[d - 1 - i]));
      assertEquals(1, Math.abs(dot(v[i], ref)), 1e-9, "component " + i);
    }
  }

  private static int indexOf(double[] values, double value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    throw new AssertionError(value + " not found");
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += a[j] * b[j];
    }
    return sum;
  }
}
