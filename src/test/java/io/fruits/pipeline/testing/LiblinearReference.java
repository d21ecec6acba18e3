package io.fruits.pipeline.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import io.fruits.pipeline.image.ImagePreprocessor;
import io.fruits.pipeline.model.ModelDescriptor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.example.data.Group;

/**
 * The expected output of an exported classifier, computed by LIBLINEAR itself (the saved
 * {@code model.liblinear}) from a run's PCA scores: independent of the pipeline's own classifier
 * code and of ONNX; and the check of the exported model against it.
 */
public final class LiblinearReference {

  private LiblinearReference() {}

  /**
   * Runs {@code classifier/classifier.onnx} with plain ONNX Runtime on each row's photo,
   * preprocessed as the pipeline does, asserts the top-1 label equals LIBLINEAR's for the row's
   * PCA scores, and returns the largest difference of any probability.
   */
  public static double largestDifference(Path classifier, Map<String, Group> rows)
      throws Exception {
    Model model = Linear.loadModel(classifier.resolve("model.liblinear"));
    List<String> labels =
        Files.readAllLines(classifier.resolve("labels.txt"), StandardCharsets.UTF_8);
    ModelDescriptor descriptor = ModelDescriptor.MOBILENET_V2;
    FloatBuffer tensor = ByteBuffer.allocateDirect(descriptor.input().valuesPerImage() * 4)
        .order(ByteOrder.nativeOrder()).asFloatBuffer();
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    double worst = 0;
    try (OrtSession session =
            environment.createSession(classifier.resolve("classifier.onnx").toString());
        ImagePreprocessor preprocessor = new ImagePreprocessor(descriptor.input(), 100_000_000L,
            Duration.ofSeconds(30))) {
      for (Map.Entry<String, Group> row : rows.entrySet()) {
        double[] expected = probabilities(model, labels.size(),
            ParquetRows.floats(row.getValue(), "pca"));
        byte[] image = Files.readAllBytes(
            Path.of(new org.apache.hadoop.fs.Path(row.getKey()).toUri().getPath()));
        preprocessor.write(image, image.length, tensor, 0);
        float[] actual;
        try (OnnxTensor in = OnnxTensor.createTensor(environment, tensor, descriptor.inputShape(1));
            OrtSession.Result result =
                session.run(Map.of("input", in), Set.of("class_probabilities"))) {
          actual = ((float[][]) result.get(0).getValue())[0];
        }
        assertEquals(top(expected), top(actual), row.getKey());
        for (int c = 0; c < expected.length; c++) {
          worst = Math.max(worst, Math.abs(expected[c] - actual[c]));
        }
      }
    }
    return worst;
  }

  /** LIBLINEAR's probabilities in label order (the bias feature appended, as its predict does). */
  public static double[] probabilities(Model model, int classes, float[] pca) {
    Feature[] x = new Feature[pca.length + 1];
    for (int j = 0; j < pca.length; j++) {
      x[j] = new FeatureNode(j + 1, pca[j]);
    }
    x[pca.length] = new FeatureNode(pca.length + 1, model.getBias());
    double[] byModel = new double[classes];
    Linear.predictProbability(model, x, byModel);
    double[] byLabel = new double[classes];
    for (int j = 0; j < classes; j++) {
      byLabel[model.getLabels()[j]] = byModel[j];
    }
    return byLabel;
  }

  public static int top(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      best = values[i] > values[best] ? i : best;
    }
    return best;
  }

  public static int top(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      best = values[i] > values[best] ? i : best;
    }
    return best;
  }
}
