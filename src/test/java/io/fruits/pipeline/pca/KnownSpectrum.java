package io.fruits.pipeline.pca;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Test data with a known covariance spectrum: x = mean + Σ_i sqrt(s_i)·z_i·v_i + sqrt(σ²)·ε, with
 * orthonormal v_i from the QR decomposition of a Gaussian matrix and z, ε standard normal. The
 * population covariance has eigenvalues s_i + σ² along v_i and σ² in every other direction.
 */
final class KnownSpectrum {

  final int dimension;
  final double[] mean;
  /** Orthonormal directions as rows, r × d. */
  final double[][] basis;
  final double[] spikes;
  final double noise;

  private KnownSpectrum(double[] mean, double[][] basis, double[] spikes, double noise) {
    this.dimension = mean.length;
    this.mean = mean;
    this.basis = basis;
    this.spikes = spikes;
    this.noise = noise;
  }

  /** Spikes s_i = first·decay^i for i < r, isotropic noise σ², mean 3 + U(−1, 1) per column. */
  static KnownSpectrum geometric(int d, int r, double first, double decay, double noise,
      Random random) {
    double[][] gaussian = new double[d][r];
    for (double[] row : gaussian) {
      for (int j = 0; j < r; j++) {
        row[j] = random.nextGaussian();
      }
    }
    RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(gaussian, false)).getQ();
    double[][] basis = new double[r][];
    double[] spikes = new double[r];
    for (int i = 0; i < r; i++) {
      basis[i] = q.getColumn(i);
      spikes[i] = first * Math.pow(decay, i);
    }
    double[] mean = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] = 3 + (2 * random.nextDouble() - 1);
    }
    return new KnownSpectrum(mean, basis, spikes, noise);
  }

  /** All d population eigenvalues, descending. */
  double[] eigenvalues() {
    double[] values = new double[dimension];
    Arrays.fill(values, noise);
    for (int i = 0; i < spikes.length; i++) {
      values[i] += spikes[i];
    }
    return values;
  }

  float[] rows(int n, Random random) {
    int d = dimension;
    float[] data = new float[n * d];
    double[] x = new double[d];
    double sd = Math.sqrt(noise);
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        x[j] = mean[j] + (sd == 0 ? 0 : sd * random.nextGaussian());
      }
      for (int i = 0; i < spikes.length; i++) {
        double a = Math.sqrt(spikes[i]) * random.nextGaussian();
        double[] v = basis[i];
        for (int j = 0; j < d; j++) {
          x[j] += a * v[j];
        }
      }
      for (int j = 0; j < d; j++) {
        data[r * d + j] = (float) x[j];
      }
    }
    return data;
  }

  /**
   * First-order expected sin² of the angle between sample and true component i for Gaussian
   * data: (1/n)·Σ_{j≠i} λ_i·λ_j / (λ_i − λ_j)² over all other population eigenvalues.
   */
  double expectedSinSquared(int i, long n) {
    double[] lambda = eigenvalues();
    double sum = 0;
    for (int j = 0; j < dimension; j++) {
      if (j != i) {
        double gap = lambda[i] - lambda[j];
        sum += lambda[i] * lambda[j] / (gap * gap);
      }
    }
    return sum / n;
  }
}
