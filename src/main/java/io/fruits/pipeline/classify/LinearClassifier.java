package io.fruits.pipeline.classify;

import de.bwaldvogel.liblinear.Model;
import java.util.List;

/**
 * A trained one-vs-rest logistic regression in the form the ONNX export needs: for each label in
 * order a weight vector over the k PCA scores and a bias. Its probabilities are LIBLINEAR's: each
 * label's sigmoid of its decision value, divided by their sum ({@code ClassifierGraph}).
 *
 * @param labels the label names; class i is {@code labels.get(i)}
 * @param weights {@code weights[i][j]}: label i, PCA score j
 * @param bias one per label
 */
public record LinearClassifier(List<String> labels, double[][] weights, double[] bias) {

  public LinearClassifier {
    labels = List.copyOf(labels);
    if (weights.length != labels.size() || bias.length != labels.size()) {
      throw new IllegalArgumentException(labels.size() + " labels but " + weights.length
          + " weight vectors and " + bias.length + " biases");
    }
  }

  /**
   * The classifier LIBLINEAR trained on labels numbered by their index in {@code labels}.
   * LIBLINEAR orders its classes as it met them and stores one vector for two classes; its own
   * accessors give every class's vector, which are put back in label order here.
   */
  public static LinearClassifier of(Model model, List<String> labels) {
    int[] order = model.getLabels();
    int k = model.getNrFeature();
    double[][] weights = new double[labels.size()][k];
    double[] bias = new double[labels.size()];
    for (int j = 0; j < order.length; j++) {
      int label = order[j];
      for (int f = 0; f < k; f++) {
        weights[label][f] = model.getDecfunCoef(f + 1, j);
      }
      bias[label] = model.getDecfunBias(j);
    }
    return new LinearClassifier(labels, weights, bias);
  }

  /** Scores each classifier takes. */
  public int dimension() {
    return weights[0].length;
  }
}
