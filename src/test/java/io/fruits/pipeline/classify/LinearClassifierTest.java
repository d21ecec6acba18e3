package io.fruits.pipeline.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The weights the export takes are LIBLINEAR's, put in label order: w·x + b for each label equals
 * LIBLINEAR's own decision value for that label, whatever order LIBLINEAR met the labels in, and
 * with two labels (where LIBLINEAR stores one vector).
 */
class LinearClassifierTest {

  /** Points around one centre per class, the classes in the order {@code order} first meets them. */
  private static Model train(int[] order, int classes, List<float[]> points, int[] labels) {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < labels.length; i++) {
      int c = order[i % order.length];
      labels[i] = c;
      points.add(new float[] {(float) (c * 2 + random.nextGaussian()),
          (float) (c % 2 * 3 - random.nextGaussian()), (float) random.nextGaussian()});
    }
    return new LinearTrainer(1.0).train(points, labels);
  }

  private static void assertDecisionValuesMatch(int[] order, int classes) {
    List<float[]> points = new ArrayList<>();
    int[] labels = new int[60];
    Model model = train(order, classes, points, labels);
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("label " + c);
    }
    LinearClassifier classifier = LinearClassifier.of(model, names);
    for (float[] x : points) {
      double[] byModel = new double[model.getNrClass()];
      Linear.predictValues(model, LinearTrainer.features(x), byModel);
      for (int j = 0; j < model.getNrClass(); j++) {
        int label = model.getLabels()[j];
        double z = classifier.bias()[label];
        for (int f = 0; f < x.length; f++) {
          z += classifier.weights()[label][f] * x[f];
        }
        // With two labels LIBLINEAR gives one value, for its first label; the second's is -z.
        double expected = classes == 2 && j == 1 ? -byModel[0] : byModel[j];
        assertEquals(expected, z, 1e-9);
      }
    }
  }

  @Test
  void threeLabelsMetOutOfOrder() {
    assertDecisionValuesMatch(new int[] {2, 0, 1}, 3);
  }

  @Test
  void twoLabels() {
    assertDecisionValuesMatch(new int[] {1, 0}, 2);
  }
}
