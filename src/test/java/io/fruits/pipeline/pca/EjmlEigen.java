package io.fruits.pipeline.pca;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The tests' independent eigen-decomposition of a symmetric matrix, by EJML (symmetric QR),
 * which shares no code with Commons Math's Householder + QL used in production. Eigenvalues are
 * in EJML's order; callers sort. The same diagonal shift as production keeps EJML converging on
 * singular covariances, and is removed from the eigenvalues again.
 */
final class EjmlEigen {

  private final double[] eigenvalues;
  private final double[][] eigenvectors;

  EjmlEigen(double[][] symmetric) {
    int d = symmetric.length;
    double shift = 0;
    for (int i = 0; i < d; i++) {
      shift += symmetric[i][i];
    }
    DMatrixRMaj matrix = new DMatrixRMaj(symmetric);
    for (int i = 0; i < d; i++) {
      matrix.add(i, i, shift);
    }
    EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eigen.decompose(matrix)) {
      throw new AssertionError("EJML did not converge on the reference decomposition");
    }
    eigenvalues = new double[d];
    eigenvectors = new double[d][];
    for (int i = 0; i < d; i++) {
      eigenvalues[i] = eigen.getEigenvalue(i).real - shift;
      eigenvectors[i] = eigen.getEigenVector(i).data.clone();
    }
  }

  double[] getRealEigenvalues() {
    return eigenvalues.clone();
  }

  double[] getEigenvector(int i) {
    return eigenvectors[i].clone();
  }
}
