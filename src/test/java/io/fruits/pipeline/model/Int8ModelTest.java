package io.fruits.pipeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.testing.ReferenceProjection;
import io.fruits.pipeline.image.ImageTensorWriter;
import io.fruits.pipeline.pca.ComponentSelection;
import io.fruits.pipeline.pca.CovarianceAccumulator;
import io.fruits.pipeline.pca.CovarianceSums;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.testing.Embeddings;
import io.fruits.pipeline.testing.SharedData;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The int8 model is a drop-in for the float one: same classes, close features, same 1-NN accuracy. */
class Int8ModelTest {

  private static final ModelDescriptor MOBILENET = ModelDescriptor.MOBILENET_V2;
  private static final int D = MOBILENET.featureDimension();
  private static Path int8;
  private static List<Path> photos;
  private static float[][] floatFeatures;
  private static float[][] int8Features;

  @BeforeAll
  static void embedBothWays() throws Exception {
    int8 = SharedData.models().resolve("mobilenet_v2_1.0_224_int8.onnx");
    photos = SharedData.fruits(20, 10);
    floatFeatures = Embeddings.of(SharedData.floatModel(), photos);
    int8Features = Embeddings.of(int8, photos);
  }

  @ParameterizedTest
  @CsvSource({
    "grace_hopper.bmp, military uniform",
    "cat.bmp, Egyptian cat",
    "hot_dog.jpg, hotdog",
    "missvickie_potato_chips.bmp, packet",
    "dragonfly.bmp, dragonfly"
  })
  void int8GivesTheSameTopClassAsTheReadme(String photo, String label) throws Exception {
    List<String> labels = Files.readAllLines(SharedData.models().resolve("imagenet_labels.txt"));
    try (ModelOutputs model = new ModelOutputs(int8, MOBILENET)) {
      FloatBuffer batch = model.batch(1);
      TestImages.write(SharedData.imagenetCheck().resolve(photo),
          new ImageTensorWriter(MOBILENET.input()), batch, 0);
      float[] p = model.run("probabilities", batch, 1);
      int top = 0;
      for (int i = 1; i < p.length; i++) {
        top = p[i] > p[top] ? i : top;
      }
      assertEquals(label, labels.get(top).split(",")[0].trim(), photo);
    }
  }

  @Test
  void everyInt8EmbeddingIsCloseToTheFloatOne() {
    assertEquals(20 * 10, photos.size(), "10 photos of each of 20 classes");
    assertEquals(photos.size(), int8Features.length);
    for (int i = 0; i < photos.size(); i++) {
      double cosine = cosine(floatFeatures[i], int8Features[i]);
      assertTrue(cosine >= 0.95, photos.get(i) + ": cosine " + cosine);
    }
  }

  @Test
  void oneNearestNeighbourAccuracyOfPcaFeaturesIsWithinOnePoint() {
    // Stratified, seeded split: half of each class to fit PCA and serve as neighbours.
    Map<String, List<Integer>> byClass = new TreeMap<>();
    for (int i = 0; i < photos.size(); i++) {
      byClass.computeIfAbsent(label(i), c -> new ArrayList<>()).add(i);
    }
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    Random random = new Random(42);
    for (List<Integer> members : byClass.values()) {
      Collections.shuffle(members, random);
      train.addAll(members.subList(0, members.size() / 2));
      test.addAll(members.subList(members.size() / 2, members.size()));
    }
    double floatAccuracy = accuracy(floatFeatures, train, test);
    double int8Accuracy = accuracy(int8Features, train, test);
    assertTrue(floatAccuracy > 0.8, "float 1-NN accuracy " + floatAccuracy);
    assertEquals(floatAccuracy, int8Accuracy, 0.01 + 1e-12,
        "float " + floatAccuracy + " vs int8 " + int8Accuracy);
  }

  @Test
  void fingerprintsTellTheModelsApartAndMatchThePublishedHashes() throws Exception {
    ModelFingerprint fp32 = ModelFingerprint.of(SharedData.floatModel(), MOBILENET);
    ModelFingerprint q8 = ModelFingerprint.of(int8, MOBILENET);
    assertEquals(Precision.FP32, fp32.precision());
    assertEquals(Precision.INT8, q8.precision());
    // The sha256 sums published in ../shared/models/README.md.
    assertEquals("8138f2a4bce788a0bf087b361c668d96381a214e7767ff2f0976cc1f8c94687b", fp32.sha256());
    assertEquals("c5f630a62f9053f92f00465de420658179b593cfd8654a1c8b6df7a17a5fafb4", q8.sha256());
    assertNotEquals(fp32.id(), q8.id());
  }

  private static double accuracy(float[][] features, List<Integer> train, List<Integer> test) {
    float[] rows = new float[train.size() * D];
    for (int r = 0; r < train.size(); r++) {
      System.arraycopy(features[train.get(r)], 0, rows, r * D, D);
    }
    CovarianceSums sums;
    try (CovarianceAccumulator accumulator = new CovarianceAccumulator(D)) {
      accumulator.addRows(rows, train.size());
      sums = accumulator.sums();
    }
    PcaModel pca = PcaModel.fit(sums, ComponentSelection.variance(0.95), "test");
    Map<Integer, float[]> projected = new TreeMap<>();
    for (int i : train) {
      projected.put(i, ReferenceProjection.of(pca, features[i]));
    }
    int correct = 0;
    for (int i : test) {
      float[] query = ReferenceProjection.of(pca, features[i]);
      int nearest = -1;
      double best = Double.MAX_VALUE;
      for (Map.Entry<Integer, float[]> candidate : projected.entrySet()) {
        double distance = 0;
        for (int c = 0; c < query.length; c++) {
          double diff = query[c] - candidate.getValue()[c];
          distance += diff * diff;
        }
        if (distance < best) {
          best = distance;
          nearest = candidate.getKey();
        }
      }
      correct += label(nearest).equals(label(i)) ? 1 : 0;
    }
    return (double) correct / test.size();
  }

  private static String label(int index) {
    return photos.get(index).getParent().getFileName().toString();
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
