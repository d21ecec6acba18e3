package io.fruits.pipeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtException;
import io.fruits.pipeline.image.ImageRejectedException;
import io.fruits.pipeline.image.ImageTensorWriter;
import io.fruits.pipeline.image.InputSpec;
import io.fruits.pipeline.image.PixelLayout;
import io.fruits.pipeline.image.PixelScaling;
import io.fruits.pipeline.testing.SharedData;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End-to-end check of decoding, preprocessing and inference against the predictions listed in
 * {@code models/README.md}: a wrong scaling, a BGR/RGB swap or a layout mix-up changes them.
 */
class MobileNetV2PredictionTest {

  private static List<String> labels;
  private static ModelOutputs mobileNet;

  @BeforeAll
  static void open() throws IOException, OrtException {
    labels = Files.readAllLines(SharedData.models().resolve("imagenet_labels.txt"));
    mobileNet = new ModelOutputs(TestImages.mobileNet(), ModelDescriptor.MOBILENET_V2);
  }

  @AfterAll
  static void close() throws OrtException {
    mobileNet.close();
  }

  /** Top-1 label and its probability as printed in the README (two decimals). */
  @ParameterizedTest
  @CsvSource({
    "grace_hopper.bmp, military uniform, 0.81",
    "cat.bmp, Egyptian cat, 0.67",
    "hot_dog.jpg, hotdog, 0.80",
    "missvickie_potato_chips.bmp, packet, 0.89",
    "dragonfly.bmp, dragonfly, 0.93"
  })
  void topClassMatchesTheReadme(String photo, String label, double probability)
      throws IOException, ImageRejectedException, OrtException {
    FloatBuffer batch = mobileNet.batch(1);
    TestImages.write(SharedData.imagenetCheck().resolve(photo),
        new ImageTensorWriter(ModelDescriptor.MOBILENET_V2.input()), batch, 0);
    float[] p = mobileNet.run("probabilities", batch, 1);

    assertEquals(labels.size(), p.length);
    int top = argMax(p);
    assertEquals(label, firstName(labels.get(top)), photo);
    assertEquals(probability, p[top], 0.02, photo);
  }

  /** The zoo-style variant takes NCHW input scaled the PyTorch way and gives the same classes. */
  @ParameterizedTest
  @CsvSource({
    "grace_hopper.bmp, military uniform",
    "hot_dog.jpg, hotdog",
    "dragonfly.bmp, dragonfly"
  })
  void zooStyleVariantAgreesWithNchwTorchInput(String photo, String label)
      throws IOException, ImageRejectedException {
    ModelDescriptor zoo = new ModelDescriptor("mobilenet_v2_zoo_style", "input",
        new InputSpec(224, 224, PixelLayout.NCHW, PixelScaling.TORCH), "logits", 1001);
    try (FeatureExtractor extractor = FeatureExtractor.open(
        TestImages.zooStyle(), zoo,
        FeatureExtractorTest.ONE_THREAD)) {
      FloatBuffer batch = extractor.allocateBatch(1);
      TestImages.write(SharedData.imagenetCheck().resolve(photo),
          new ImageTensorWriter(zoo.input()), batch, 0);
      float[] logits = new float[1001];
      extractor.extract(batch, 1, logits);
      assertEquals(label, firstName(labels.get(argMax(logits))), photo);
    }
  }

  private static int argMax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /** "hotdog, hot dog, red hot" is listed in the README as "hotdog". */
  private static String firstName(String label) {
    return label.split(",")[0].trim();
  }
}
