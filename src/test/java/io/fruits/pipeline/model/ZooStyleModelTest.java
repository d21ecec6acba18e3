package io.fruits.pipeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.image.ImageTensorWriter;
import io.fruits.pipeline.image.InputSpec;
import io.fruits.pipeline.image.PixelScaling;
import io.fruits.pipeline.model.onnx.OnnxModel;
import io.fruits.pipeline.model.onnx.OutputAddition;
import io.fruits.pipeline.testing.SharedData;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Model-Zoo-style model (NCHW, torch scaling, logits only) made usable the documented way:
 * {@code model add-output} of its GlobalAveragePool tensor plus its own descriptor file. It must
 * then embed exactly like the shared NHWC model, whose {@code features} are the same tensor.
 */
class ZooStyleModelTest {

  private static final int D = 1280;

  @TempDir static Path temp;
  private static List<Path> photos;
  private static ModelDescriptor pooled;
  private static Path pooledModel;
  private static float[] reference;
  private static float[] zoo;
  private static float[] probabilities;
  private static float[] logits;

  @BeforeAll
  static void embedWithBothModels() throws Exception {
    pooledModel = temp.resolve("mobilenet_v2_zoo_style_pooled.onnx");
    Files.write(pooledModel,
        OutputAddition.apply(OnnxModel.read(TestImages.zooStyle()), "pool_272", "pool_272"));
    try (InputStream json = ZooStyleModelTest.class.getResourceAsStream(
        "mobilenet_v2_zoo_style_pooled.json")) {
      Files.copy(json, temp.resolve("mobilenet_v2_zoo_style_pooled.json"));
    }
    pooled = ModelDescriptorJson.forModel(pooledModel);

    try (Stream<Path> check = Files.list(SharedData.imagenetCheck())) {
      photos = Stream.concat(SharedData.fruits(10, 1).stream(), check.sorted()).toList();
    }
    try (FeatureExtractor main = FeatureExtractor.open(
            SharedData.floatModel(), ModelDescriptor.MOBILENET_V2, FeatureExtractorTest.ONE_THREAD);
        ModelOutputs mainOutputs =
            new ModelOutputs(SharedData.floatModel(), ModelDescriptor.MOBILENET_V2)) {
      FloatBuffer batch = fill(main, ModelDescriptor.MOBILENET_V2.input());
      reference = new float[photos.size() * D];
      main.extract(batch, photos.size(), reference);
      probabilities = mainOutputs.run("probabilities", batch, photos.size());
    }
    try (FeatureExtractor variant =
            FeatureExtractor.open(pooledModel, pooled, FeatureExtractorTest.ONE_THREAD);
        ModelOutputs variantOutputs = new ModelOutputs(pooledModel, pooled)) {
      FloatBuffer batch = fill(variant, pooled.input());
      zoo = new float[photos.size() * D];
      variant.extract(batch, photos.size(), zoo);
      logits = variantOutputs.run("logits", batch, photos.size());
    }
  }

  @Test
  void theDescriptorFileNextToTheModelDescribesIt() {
    assertEquals(ModelDescriptorJsonTest.ZOO_POOLED, pooled);
    assertEquals(15, photos.size());
  }

  @Test
  void pooledTensorEqualsTheSharedModelsFeaturesForEveryImage() {
    for (int i = 0; i < photos.size(); i++) {
      double cosine = cosine(reference, zoo, i);
      assertTrue(cosine >= 0.9999, photos.get(i) + ": cosine " + cosine);
    }
    // The measure tells images apart, so the agreement above is not trivial.
    assertTrue(cosine(reference, shifted(zoo), 0) < 0.99, "features of two images agree");
  }

  @Test
  void logitsAndProbabilitiesPickTheSameClass() {
    int classes = probabilities.length / photos.size();
    assertEquals(classes, logits.length / photos.size());
    for (int i = 0; i < photos.size(); i++) {
      assertEquals(argMax(probabilities, i, classes), argMax(logits, i, classes),
          photos.get(i).toString());
    }
  }

  @Test
  void theWrongScalingIsCaughtByTheComparison() throws Exception {
    ModelDescriptor tfScaled = new ModelDescriptor(pooled.name(), pooled.inputName(),
        new InputSpec(224, 224, pooled.input().layout(), PixelScaling.TF),
        pooled.featureOutput(), D);
    try (FeatureExtractor variant =
        FeatureExtractor.open(pooledModel, tfScaled, FeatureExtractorTest.ONE_THREAD)) {
      float[] wrong = new float[photos.size() * D];
      variant.extract(fill(variant, tfScaled.input()), photos.size(), wrong);
      List<Double> cosines = new ArrayList<>();
      for (int i = 0; i < photos.size(); i++) {
        cosines.add(cosine(reference, wrong, i));
      }
      assertTrue(cosines.stream().anyMatch(c -> c < 0.999), "cosines " + cosines);
    }
  }

  private static FloatBuffer fill(FeatureExtractor extractor, InputSpec spec) throws Exception {
    FloatBuffer batch = extractor.allocateBatch(photos.size());
    ImageTensorWriter writer = new ImageTensorWriter(spec);
    for (int i = 0; i < photos.size(); i++) {
      TestImages.write(photos.get(i), writer, batch, i);
    }
    return batch;
  }

  /** The features of image i+1 in the slot of image i, the last image's in slot 0's place. */
  private static float[] shifted(float[] features) {
    float[] out = new float[features.length];
    System.arraycopy(features, D, out, 0, features.length - D);
    System.arraycopy(features, 0, out, features.length - D, D);
    return out;
  }

  private static double cosine(float[] a, float[] b, int image) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int j = image * D; j < (image + 1) * D; j++) {
      dot += (double) a[j] * b[j];
      na += (double) a[j] * a[j];
      nb += (double) b[j] * b[j];
    }
    return dot / Math.sqrt(na * nb);
  }

  private static int argMax(float[] values, int image, int classes) {
    float[] row = Arrays.copyOfRange(values, image * classes, (image + 1) * classes);
    int best = 0;
    for (int i = 1; i < row.length; i++) {
      best = row[i] > row[best] ? i : best;
    }
    return best;
  }
}
