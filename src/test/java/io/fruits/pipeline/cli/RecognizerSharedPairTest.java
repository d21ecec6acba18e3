package io.fruits.pipeline.cli;

import static io.fruits.pipeline.testing.LiblinearReference.largestDifference;
import static io.fruits.pipeline.testing.LiblinearReference.probabilities;
import static io.fruits.pipeline.testing.LiblinearReference.top;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import io.fruits.pipeline.testing.CliRun;

import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recognizer on the shared pair: trained on the Training sample (20 classes), it classifies
 * the Test sample. The exported model, run by plain ONNX Runtime on the pipeline's preprocessed
 * tensor, and the classify job both give LIBLINEAR's own probabilities for the Test run's
 * Parquet features (projected with the Training PCA) on every photo.
 */
class RecognizerSharedPairTest {

  /**
   * Test accuracy floor. Nearest class mean, the weakest classifier the issue measured, reached
   * 93.6 % on the full 103 classes; the sample's 20 classes are an easier problem, and this
   * classifier measured 0.99+ here (README). 0.95 fails on a broken pipeline (wrong label order,
   * PCA or scaling give chance-level 5 %) without failing on the binomial noise of 3,245 photos
   * (a standard error of about 0.2 points).
   */
  private static final double MIN_TEST_ACCURACY = 0.95;

  @TempDir static Path temp;
  static Path trainRun;
  static Path testRun;
  static Path classified;
  static Model model;
  static List<String> labels;
  static String classifyOutput;

  @BeforeAll
  static void trainOnTrainingAndClassifyTest() throws Exception {
    trainRun = temp.resolve("train-run");
    assertEquals(0, CliRun.pipeline(SharedData.fruitsTrainingSample(), trainRun,
        SharedData.floatModel()).exit());
    CliRun train = CliRun.of("train", "--run", trainRun.toString());
    assertEquals(0, train.exit(), train.stderr());
    testRun = temp.resolve("test-run");
    assertEquals(0, CliRun.pipeline(SharedData.fruitsSample(), testRun, SharedData.floatModel(),
        "--pca-model", trainRun.resolve("pca/model.bin").toString()).exit());
    classified = temp.resolve("classified");
    CliRun classify = CliRun.of("classify", "--model",
        trainRun.resolve("classifier/classifier.onnx").toString(),
        "--input", SharedData.fruitsSample().toString(), "--output", classified.toString());
    assertEquals(0, classify.exit(), classify.stderr());
    classifyOutput = classify.stdout();
    model = Linear.loadModel(trainRun.resolve("classifier/model.liblinear"));
    labels = Files.readAllLines(trainRun.resolve("classifier/labels.txt"), StandardCharsets.UTF_8);
  }

  @Test
  void plainOnnxRuntimeAgreesWithLiblinearOnEveryTestPhoto() throws Exception {
    Map<String, Group> rows = ParquetRows.rowsByPath(testRun);
    assertEquals(3244, rows.size());
    double worst = largestDifference(trainRun.resolve("classifier"), rows);
    assertTrue(worst < 1e-4, "largest probability difference " + worst);
  }

  @Test
  void classifyJobAgreesWithLiblinearAndReachesTheAccuracyFloor() throws Exception {
    Map<String, Group> features = ParquetRows.rowsByPath(testRun);
    List<Group> predictions = ParquetRows.read(new Configuration(),
        new org.apache.hadoop.fs.Path(classified.resolve("predictions").toUri()));
    assertEquals(features.size(), predictions.size());
    long correct = 0;
    Map<String, Integer> perLabel = new HashMap<>();
    for (Group prediction : predictions) {
      String path = prediction.getString("path", 0);
      double[] expected =
          probabilities(model, labels.size(), ParquetRows.floats(features.get(path), "pca"));
      String predicted = prediction.getString("predicted", 0);
      assertEquals(labels.get(top(expected)), predicted, path);
      assertEquals(expected[top(expected)], prediction.getFloat("probability", 0), 1e-4, path);
      Group top3 = prediction.getGroup("top3", 0);
      assertEquals(3, top3.getFieldRepetitionCount("list"));
      assertEquals(predicted, top3.getGroup("list", 0).getString("element", 0));
      String label = prediction.getString("label", 0);
      assertEquals(features.get(path).getString("label", 0), label);
      perLabel.merge(label, 1, Integer::sum);
      correct += label.equals(predicted) ? 1 : 0;
    }
    assertEquals(20, perLabel.size());
    double accuracy = (double) correct / predictions.size();
    assertTrue(accuracy >= MIN_TEST_ACCURACY, "test accuracy " + accuracy);
    assertTrue(classifyOutput.contains(String.format(java.util.Locale.ROOT,
        "accuracy %.4f on %d images", accuracy, predictions.size())), classifyOutput);
    String page = Files.readString(classified.resolve("report.html"));
    assertTrue(page.contains(String.format(java.util.Locale.ROOT,
        "<p id=\"accuracy\">%.4f (%d of %d images)", accuracy, correct, predictions.size())), page);
    String report = Files.readString(classified.resolve("report.json"));
    assertTrue(report.contains("\"per_class_accuracy\""), report);
    assertTrue(report.contains("\"most_confused\""), report);
  }
}
