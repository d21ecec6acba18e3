package io.fruits.pipeline.classify;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.List;

/**
 * Fits L2-regularised logistic regression with LIBLINEAR (solver L2R_LR: a trust-region Newton
 * method on the primal, one-vs-rest across labels). The solver draws no random numbers, so the
 * same rows in the same order give the same model.
 */
public final class LinearTrainer {

  /** LIBLINEAR's default stopping tolerance for L2R_LR. */
  static final double EPSILON = 0.01;
  /** The bias feature's value: an unregularised-in-effect intercept for PCA scores of size ~1-10. */
  static final double BIAS = 1.0;

  private final double cost;

  public LinearTrainer(double cost) {
    this.cost = cost;
  }

  /**
   * @param points PCA scores, all of one length
   * @param classes the label index of each point
   */
  public Model train(List<float[]> points, int[] classes) {
    Problem problem = new Problem();
    problem.l = points.size();
    problem.n = points.get(0).length + 1;
    problem.bias = BIAS;
    problem.x = new Feature[problem.l][];
    problem.y = new double[problem.l];
    for (int i = 0; i < problem.l; i++) {
      problem.x[i] = features(points.get(i));
      problem.y[i] = classes[i];
    }
    Linear.disableDebugOutput();
    return Linear.train(problem, new Parameter(SolverType.L2R_LR, cost, EPSILON));
  }

  /** LIBLINEAR's row: 1-based indices, then the bias feature last. */
  static Feature[] features(float[] x) {
    Feature[] row = new Feature[x.length + 1];
    for (int j = 0; j < x.length; j++) {
      row[j] = new FeatureNode(j + 1, x[j]);
    }
    row[x.length] = new FeatureNode(x.length + 1, BIAS);
    return row;
  }
}
