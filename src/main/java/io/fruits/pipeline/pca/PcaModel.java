package io.fruits.pipeline.pca;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fitted PCA: the mean, all d eigenvalues of the covariance, and the k leading principal
 * components that {@link BatchProjector} projects onto (the others are not kept: nothing
 * projects onto them).
 *
 * <p>Immutable: accessors return copies. Components are sorted by eigenvalue, largest first, and
 * each is signed so that its loading of largest magnitude is positive (the first such loading on
 * ties), which makes fits of the same data agree. Eigenvalues below zero, which only rounding
 * produces for a covariance matrix, are stored as 0.
 */
public final class PcaModel {

  private static final Logger LOG = LoggerFactory.getLogger(PcaModel.class);

  private final int dimension;
  private final long count;
  private final int k;
  private final String modelName;
  private final double[] mean;
  private final double[] eigenvalues;
  private final double[] ratios;
  /** Row-major k×d: component i occupies [i·d, (i+1)·d). */
  private final double[] components;

  /** Takes ownership of the arrays (no copies). */
  PcaModel(int dimension, long count, int k, String modelName, double[] mean,
      double[] eigenvalues, double[] ratios, double[] components) {
    if (dimension < 1 || k < 1 || k > dimension || count < 0) {
      throw new IllegalArgumentException(
          "bad PCA shape: dimension " + dimension + ", k " + k + ", count " + count);
    }
    if (mean.length != dimension || eigenvalues.length != dimension
        || ratios.length != dimension || components.length != (long) k * dimension) {
      throw new IllegalArgumentException("PCA arrays do not match dimension " + dimension);
    }
    this.dimension = dimension;
    this.count = count;
    this.k = k;
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    this.mean = mean;
    this.eigenvalues = eigenvalues;
    this.ratios = ratios;
    this.components = components;
  }

  /**
   * Eigen-decomposes the sample covariance of {@code sums} with Commons Math's symmetric
   * eigen-decomposition (Householder tridiagonalisation, then implicit QL) and keeps the k
   * components {@code selection} chooses.
   *
   * @param modelName identifies the embedding model, so later runs can refuse another model's PCA
   * @throws IllegalStateException if the sums hold fewer than 2 rows, every feature is constant,
   *     or the decomposition does not converge
   */
  public static PcaModel fit(CovarianceSums sums, ComponentSelection selection, String modelName) {
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(modelName, "modelName");
    int d = sums.dimension();
    double[][] covariance = sums.covariance();
    double shift = spectralShift(covariance);
    for (int i = 0; i < d; i++) {
      covariance[i][i] += shift;
    }
    EigenDecomposition eigen = decompose(covariance, sums.count());
    double[] raw = eigen.getRealEigenvalues();
    int[] order = IntStream.range(0, d).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> raw[i]).reversed())
        .mapToInt(Integer::intValue).toArray();
    double[] eigenvalues = new double[d];
    for (int r = 0; r < d; r++) {
      eigenvalues[r] = Math.max(0, raw[order[r]] - shift);
    }
    double[] ratios = ratios(eigenvalues, sums.count());
    int k = selection.choose(ratios);
    double[] components = new double[k * d];
    for (int r = 0; r < k; r++) {
      double[] v = eigen.getEigenvector(order[r]).toArray();
      double sign = v[indexOfLargestMagnitude(v, d)] < 0 ? -1 : 1;
      for (int j = 0; j < d; j++) {
        components[r * d + j] = sign * v[j];
      }
    }
    return new PcaModel(d, sums.count(), k, modelName, sums.mean(), eigenvalues, ratios,
        components);
  }

  private static EigenDecomposition decompose(double[][] covariance, long rows) {
    int d = covariance.length;
    long start = System.nanoTime();
    try {
      EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(covariance, false));
      LOG.info("Eigen-decomposition of the {}x{} covariance took {} s", d, d,
          String.format("%.2f", (System.nanoTime() - start) / 1e9));
      return eigen;
    } catch (MaxCountExceededException e) {
      throw new IllegalStateException("the eigen-decomposition of the " + d + "x" + d
          + " covariance of " + rows + " rows did not converge", e);
    }
  }

  /** Each eigenvalue over their sum, the covariance's trace. */
  private static double[] ratios(double[] eigenvalues, long rows) {
    double trace = Arrays.stream(eigenvalues).sum();
    if (!(trace > 0)) {
      throw new IllegalStateException("the covariance is zero: every feature is constant over "
          + rows + " rows, so PCA has no direction to find");
    }
    return Arrays.stream(eigenvalues).map(value -> value / trace).toArray();
  }

  /**
   * The diagonal shift applied before decomposing: the covariance's trace, which bounds its
   * largest eigenvalue. A QR or QL iteration treats an off-diagonal term of the tridiagonal matrix
   * as zero only when it is below machine epsilon times its two diagonal neighbours. In the null
   * space of a singular covariance (fewer images than dimensions, constant or exactly correlated
   * features) all three are round-off, so that test may never pass and the iteration gives up:
   * Commons Math then fails with "convergence failed" on exactly low-rank covariances such as
   * the all-ones matrix. Adding s·I
   * moves every eigenvalue up by s, leaves the eigenvectors unchanged, and makes those round-off
   * terms negligible; s is subtracted again afterwards. Errors stay around machine epsilon times
   * the trace, which is what PCA needs.
   */
  private static double spectralShift(double[][] covariance) {
    double trace = 0;
    for (int i = 0; i < covariance.length; i++) {
      trace += covariance[i][i];
    }
    return trace;
  }

  /** Among the first {@code length} entries of {@code v}. */
  private static int indexOfLargestMagnitude(double[] v, int length) {
    int best = 0;
    for (int j = 1; j < length; j++) {
      if (Math.abs(v[j]) > Math.abs(v[best])) {
        best = j;
      }
    }
    return best;
  }

  public int dimension() {
    return dimension;
  }

  /** Rows the covariance was estimated from. */
  public long count() {
    return count;
  }

  /** Components {@link BatchProjector} projects onto. */
  public int k() {
    return k;
  }

  /** Free text identifying the embedding model the PCA was fitted on. */
  public String modelName() {
    return modelName;
  }

  public double[] mean() {
    return mean.clone();
  }

  /** The k components as rows, largest eigenvalue first. */
  public double[][] components() {
    double[][] rows = new double[k][];
    for (int i = 0; i < k; i++) {
      rows[i] = Arrays.copyOfRange(components, i * dimension, (i + 1) * dimension);
    }
    return rows;
  }

  /** The k×d components themselves, row-major, for {@link PcaModelFile}; callers must not modify. */
  double[] componentsRef() {
    return components;
  }

  /** All d eigenvalues of the sample covariance, descending, negatives clamped to 0. */
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /** Each eigenvalue over their sum (the covariance's trace); the ratios sum to 1. */
  public double[] explainedVarianceRatio() {
    return ratios.clone();
  }

  /** The share of the variance the first k components explain. */
  public double cumulativeExplainedVariance() {
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += ratios[i];
    }
    return sum;
  }

  @Override
  public String toString() {
    return "PcaModel[model=" + modelName + ", dimension=" + dimension + ", count=" + count
        + ", k=" + k + "]";
  }
}
