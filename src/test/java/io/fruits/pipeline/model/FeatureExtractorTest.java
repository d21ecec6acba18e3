package io.fruits.pipeline.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.image.ImageRejectedException;
import io.fruits.pipeline.image.ImageTensorWriter;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureExtractorTest {

  /** One intra-op thread: the build machine is shared. */
  static final SessionSettings ONE_THREAD = new SessionSettings(1, 1);
  private static final int D = 1280;

  private static FeatureExtractor extractor;
  private static ImageTensorWriter writer;

  @BeforeAll
  static void open() {
    extractor =
        FeatureExtractor.open(TestImages.mobileNet(), ModelDescriptor.MOBILENET_V2, ONE_THREAD);
    writer = new ImageTensorWriter(extractor.descriptor().input());
  }

  @AfterAll
  static void close() {
    extractor.close();
  }

  @Test
  void batchOfThreeEqualsEachImageAlone() throws IOException, ImageRejectedException {
    FloatBuffer batch = extractor.allocateBatch(3);
    for (int i = 0; i < 3; i++) {
      TestImages.write(TestImages.fruit(TestImages.FRUITS.get(i)), writer, batch, i);
    }
    float[] together = new float[3 * D];
    extractor.extract(batch, 3, together);

    for (int i = 0; i < 3; i++) {
      float[] alone = single(TestImages.FRUITS.get(i));
      assertArrayEquals(alone, Arrays.copyOfRange(together, i * D, (i + 1) * D), 1e-5f,
          "image " + i);
    }
    assertFalse(
        Arrays.equals(Arrays.copyOfRange(together, 0, D), Arrays.copyOfRange(together, D, 2 * D)),
        "two different fruits gave identical features");
  }

  @Test
  void featuresAre1280FiniteValues() throws IOException, ImageRejectedException {
    float[] features = single(TestImages.FRUITS.get(0));
    assertEquals(D, features.length);
    double sum = 0;
    for (float value : features) {
      assertTrue(Float.isFinite(value));
      assertTrue(value >= 0, "pooled ReLU6 features cannot be negative: " + value);
      sum += value;
    }
    assertTrue(sum > 0, "all features are zero");
  }

  @Test
  void partialBatchIgnoresTheUnusedSlots() throws IOException, ImageRejectedException {
    FloatBuffer batch = extractor.allocateBatch(4);
    for (int i = 0; i < batch.capacity(); i++) {
      batch.put(i, Float.NaN);
    }
    TestImages.write(TestImages.fruit(TestImages.FRUITS.get(1)), writer, batch, 0);
    TestImages.write(TestImages.fruit(TestImages.FRUITS.get(2)), writer, batch, 1);
    float[] out = new float[4 * D];
    Arrays.fill(out, -7f);
    extractor.extract(batch, 2, out);

    assertArrayEquals(single(TestImages.FRUITS.get(1)), Arrays.copyOfRange(out, 0, D), 1e-5f);
    assertArrayEquals(single(TestImages.FRUITS.get(2)), Arrays.copyOfRange(out, D, 2 * D), 1e-5f);
    assertEquals(-7f, out[2 * D], "wrote past n images");
  }

  @Test
  void allocatesDirectNativeOrderBatches() {
    FloatBuffer batch = extractor.allocateBatch(5);
    assertTrue(batch.isDirect());
    assertEquals(ByteOrder.nativeOrder(), batch.order());
    assertEquals(5 * 224 * 224 * 3, batch.capacity());
  }

  @Test
  void rejectsBadArguments() {
    FloatBuffer batch = extractor.allocateBatch(2);
    assertThrows(IllegalArgumentException.class,
        () -> extractor.extract(batch, 3, new float[3 * D]));
    assertThrows(IllegalArgumentException.class, () -> extractor.extract(batch, 0, new float[D]));
    assertThrows(IllegalArgumentException.class, () -> extractor.extract(batch, 2, new float[D]));
  }

  @Test
  void zooStyleModelIsRejectedWithWhatWasExpected() {
    Path zoo = TestImages.zooStyle();
    ModelMismatchException e = assertThrows(ModelMismatchException.class,
        () -> FeatureExtractor.open(zoo, ModelDescriptor.MOBILENET_V2, ONE_THREAD));
    String message = e.getMessage();
    assertTrue(message.contains(zoo.toString()), message);
    assertTrue(
        message.contains("expected a single input 'input' of shape [N,224,224,3] (NHWC)"), message);
    assertTrue(message.contains("inputs: input [N,3,224,224]"), message);
    assertTrue(message.contains("expected output 'features' of shape [N,1280]"), message);
    assertTrue(message.contains("outputs: logits [N,1001]"), message);
  }

  /** A descriptor that disagrees with the shared model in one field, and what the error says. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "image | NHWC | features | 1280 | expected a single input 'image' of shape [N,224,224,3] (NHWC)"
        + " but the model has inputs: input [N,224,224,3]",
    "input | NCHW | features | 1280 | expected a single input 'input' of shape [N,3,224,224] (NCHW)"
        + " but the model has inputs: input [N,224,224,3]",
    "input | NHWC | pool     | 1280 | expected output 'pool' of shape [N,1280] but the model has"
        + " outputs: features [N,1280], probabilities [N,1001]",
    "input | NHWC | features | 1024 | expected output 'features' of shape [N,1024] but the model"
        + " has outputs: features [N,1280], probabilities [N,1001]"
  })
  void descriptorsThatDisagreeWithTheModelAreRefusedNamingTheDifference(
      String input, String layout, String output, int dimension, String expected) {
    ModelDescriptor wrong = ModelDescriptorJson.parse("""
        {"name": "wrong",
         "input": {"name": "%s", "layout": "%s", "width": 224, "height": 224, "scaling": "tf"},
         "features": {"output": "%s", "dimension": %d}}"""
        .formatted(input, layout, output, dimension), "wrong.json");
    ModelMismatchException e = assertThrows(ModelMismatchException.class,
        () -> FeatureExtractor.open(TestImages.mobileNet(), wrong, ONE_THREAD));
    assertEquals("model " + TestImages.mobileNet() + " does not fit wrong: " + expected,
        e.getMessage());
  }

  @Test
  void fileThatIsNotOnnxIsAMismatch(@TempDir Path dir) throws IOException {
    Path text = Files.writeString(dir.resolve("model.onnx"), "this is not a model\n");
    ModelMismatchException e = assertThrows(ModelMismatchException.class,
        () -> FeatureExtractor.open(text, ModelDescriptor.MOBILENET_V2, ONE_THREAD));
    assertTrue(e.getMessage().startsWith("model " + text + ": not a loadable ONNX model: "),
        e.getMessage());
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere.onnx");
    ModelNotFoundException e = assertThrows(ModelNotFoundException.class,
        () -> FeatureExtractor.open(missing, ModelDescriptor.MOBILENET_V2, ONE_THREAD));
    assertEquals("model file " + missing + " does not exist", e.getMessage());
    assertThrows(ModelNotFoundException.class,
        () -> FeatureExtractor.open(dir, ModelDescriptor.MOBILENET_V2, ONE_THREAD));
  }

  private static float[] single(String fruit) throws IOException, ImageRejectedException {
    FloatBuffer batch = extractor.allocateBatch(1);
    TestImages.write(TestImages.fruit(fruit), writer, batch, 0);
    float[] out = new float[D];
    extractor.extract(batch, 1, out);
    return out;
  }
}
