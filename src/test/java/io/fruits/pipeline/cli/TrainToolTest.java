package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static io.fruits.pipeline.testing.LiblinearReference.largestDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fruits.pipeline.classify.SampleRank;
import io.fruits.pipeline.testing.CliRun;

import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recognizer on a small training set: {@code train} writes a classifier whose ONNX model,
 * run by plain ONNX Runtime on the pipeline's preprocessed tensor, gives LIBLINEAR's own
 * probabilities for the run's Parquet features; the same seed trains the same model.
 */
class TrainToolTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  static Path run;

  @BeforeAll
  static void runAndTrain() throws Exception {
    Path input = temp.resolve("input");
    SharedData.copyAsDataset(SharedData.fruits(4, 12), input);
    run = temp.resolve("run");
    assertEquals(0, CliRun.pipeline(input, run, SharedData.floatModel(), "--pca-k", "12").exit());
    CliRun train = CliRun.of("train", "--run", run.toString());
    assertEquals(0, train.exit(), train.stderr());
  }

  @Test
  void onnxModelGivesLiblinearsProbabilitiesForEveryImage() throws Exception {
    assertOnnxAgreesWithLiblinear(run);
  }

  @Test
  void anInt8RunExportsAnInt8ClassifierThatAgreesAsWell() throws Exception {
    Path int8Run = temp.resolve("int8-run");
    assertEquals(0, CliRun.pipeline(temp.resolve("input"), int8Run, SharedData.int8Model(),
        "--pca-k", "12").exit());
    assertEquals(0, CliRun.of("train", "--run", int8Run.toString()).exit());
    JsonNode descriptor = JSON.readTree(int8Run.resolve("classifier/classifier.json").toFile());
    assertEquals("INT8", descriptor.get("embedding_model").get("precision").asText());
    byte[] onnx = Files.readAllBytes(int8Run.resolve("classifier/classifier.onnx"));
    assertTrue(new String(onnx, StandardCharsets.ISO_8859_1).contains("QLinearConv")
        || new String(onnx, StandardCharsets.ISO_8859_1).contains("QuantizeLinear"));
    assertOnnxAgreesWithLiblinear(int8Run);
  }

  private static void assertOnnxAgreesWithLiblinear(Path run) throws Exception {
    List<String> labels = Files.readAllLines(run.resolve("classifier/labels.txt"));
    assertEquals(List.of("Apple Braeburn", "Apple Golden 2", "Apple Granny Smith", "Apple Red 1"),
        labels);
    Map<String, Group> rows = ParquetRows.rowsByPath(run);
    assertEquals(48, rows.size());
    double worst = largestDifference(run.resolve("classifier"), rows);
    assertTrue(worst < 1e-4, "largest probability difference " + worst);
  }

  @Test
  void descriptorAndMetadataNameTheLabelsAndInput() throws Exception {
    Path folder = run.resolve("classifier");
    JsonNode descriptor = JSON.readTree(folder.resolve("classifier.json").toFile());
    assertEquals("input", descriptor.get("input").get("name").asText());
    assertEquals("[\"N\",224,224,3]", descriptor.get("input").get("shape").toString());
    assertEquals(4, descriptor.get("labels").size());
    assertEquals(io.fruits.pipeline.model.ModelFingerprint.sha256(
        Files.readAllBytes(folder.resolve("classifier.onnx"))), descriptor.get("sha256").asText());
    assertEquals(12, descriptor.get("pca").get("k").asInt());
    try (OrtSession session = OrtEnvironment.getEnvironment()
        .createSession(folder.resolve("classifier.onnx").toString())) {
      String labels = session.getMetadata().getCustomMetadata().get("fruits.labels");
      assertEquals(JSON.writeValueAsString(Files.readAllLines(folder.resolve("labels.txt"))), labels);
      // The key the feature files' footers use too; exported models carry it already.
      assertEquals("12", session.getMetadata().getCustomMetadata().get("fruits.pca.k"));
      assertEquals(java.util.Set.of("class_probabilities", "pca_scores"),
          session.getOutputNames());
    }
    JsonNode report = JSON.readTree(folder.resolve("report.json").toFile());
    JsonNode heldOut = report.get("held_out");
    assertTrue(heldOut.get("rows").asInt() > 0);
    assertEquals(48, heldOut.get("rows").asInt() + report.get("rows_trained").asInt());
    String page = Files.readString(folder.resolve("report.html"));
    assertTrue(page.contains(String.format(java.util.Locale.ROOT, "<p id=\"accuracy\">%.4f (",
        heldOut.get("accuracy").asDouble())), page);
    String runReport = Files.readString(run.resolve("report.html"));
    assertEquals(1, runReport.split("Classifier: held-out accuracy", -1).length - 1, runReport);
    assertTrue(runReport.contains(String.format(java.util.Locale.ROOT, "<p id=\"accuracy\">%.4f (",
        heldOut.get("accuracy").asDouble())), runReport);
    assertTrue(runReport.contains("<h2>Images</h2>"), "the run's own report is kept");
    // Labels with held-out rows only; with 12 rows a label and a 20 % share, some may have none.
    Map<String, Long> expectedHeldOut = heldOutRowsByLabel();
    assertFalse(expectedHeldOut.isEmpty());
    assertEquals(expectedHeldOut.values().stream().mapToLong(Long::longValue).sum(),
        heldOut.get("rows").asLong(), expectedHeldOut.toString());
    List<String> perClass = new ArrayList<>();
    heldOut.get("per_class_accuracy").fieldNames().forEachRemaining(perClass::add);
    assertEquals(List.copyOf(expectedHeldOut.keySet()), perClass);
  }

  /**
   * The held-out split recomputed from the run's rows: the paths' seeded ranks (seed 1, the
   * default) vary with the temporary folder, so which labels have held-out rows does too. Each
   * label's rows but its lowest-ranked one are held out with the default 20 % share.
   */
  private static Map<String, Long> heldOutRowsByLabel() throws Exception {
    Map<String, List<String>> pathsByLabel = new TreeMap<>();
    for (Group row : ParquetRows.rowsByPath(run).values()) {
      pathsByLabel.computeIfAbsent(row.getString("label", 0), label -> new ArrayList<>())
          .add(row.getString("path", 0));
    }
    assertEquals(4, pathsByLabel.size());
    Map<String, Long> heldOut = new TreeMap<>();
    pathsByLabel.forEach((label, paths) -> {
      long held = paths.stream()
          .sorted(Comparator.comparingLong((String path) -> SampleRank.rank(1, path))
              .thenComparing(path -> path))
          .skip(1).filter(path -> SampleRank.heldOut(1, path, 0.2)).count();
      if (held > 0) {
        heldOut.put(label, held);
      }
    });
    return heldOut;
  }

  @Test
  void theSameSeedTrainsTheSameModelAndAnotherSeedAnotherSplit() throws Exception {
    byte[] first = Files.readAllBytes(run.resolve("classifier/model.liblinear"));
    String firstReport = Files.readString(run.resolve("classifier/report.json"));
    assertEquals(0, CliRun.of("train", "--run", run.toString(), "--overwrite").exit());
    assertArrayEquals(first, Files.readAllBytes(run.resolve("classifier/model.liblinear")));
    assertEquals(0, CliRun.of("train", "-D", "fruits.classify.seed=7", "--run", run.toString(),
        "--overwrite").exit());
    assertFalse(java.util.Arrays.equals(first,
        Files.readAllBytes(run.resolve("classifier/model.liblinear"))), firstReport);
  }

  @Test
  void classifyRecordsRejectsAndLeavesOtherFoldersOutOfTheAccuracy() throws Exception {
    Path input = temp.resolve("to-classify");
    SharedData.copyAsDataset(SharedData.fruits(1, 3), input);
    Path other = Files.createDirectories(input.resolve("Not A Label"));
    Files.copy(SharedData.fruits(1, 1).get(0), other.resolve("photo.jpg"));
    Files.write(input.resolve("Apple Braeburn/broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2});
    Path output = temp.resolve("classified");
    CliRun classify = CliRun.of("classify", "--model",
        run.resolve("classifier/classifier.onnx").toString(), "--input", input.toString(),
        "--output", output.toString());
    assertEquals(0, classify.exit(), classify.stderr());
    assertTrue(classify.stdout().contains("classified 4 of 5 images (1 rejected)"), classify.stdout());
    assertTrue(classify.stdout().contains("on 3 images in label folders"), classify.stdout());
    List<Group> rejects = ParquetRows.read(new org.apache.hadoop.conf.Configuration(),
        new org.apache.hadoop.fs.Path(output.resolve("rejects").toUri()));
    assertEquals(1, rejects.size());
    assertTrue(rejects.get(0).getString("path", 0).endsWith("broken.jpg"));
    JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
    assertEquals(1, report.get("images_rejected").asInt());
    assertEquals(3, report.get("labelled").get("rows").asInt());
    assertEquals(2, CliRun.of("classify", "--model", run.resolve("classifier/classifier.onnx")
        .toString(), "--input", input.toString(), "--output", output.toString()).exit());
  }

  /** An input without images is refused before --overwrite deletes anything. */
  @Test
  void classifyRefusesAnInputWithoutImagesAndKeepsTheOldOutput() throws Exception {
    Path input = Files.createDirectories(temp.resolve("no-images/Apple Braeburn"));
    Files.writeString(input.resolve("notes.txt"), "not a photo");
    Path output = Files.createDirectories(temp.resolve("classified-before"));
    Path old = Files.writeString(output.resolve("report.json"), "{}");
    CliRun classify = CliRun.of("classify", "--model",
        run.resolve("classifier/classifier.onnx").toString(), "--input",
        input.getParent().toString(), "--output", output.toString(), "--overwrite");
    assertEquals(2, classify.exit(), classify.stderr());
    assertTrue(classify.stderr().contains("no image files under input " + input.getParent()),
        classify.stderr());
    assertFalse(classify.stderr().contains("\tat "), classify.stderr());
    assertEquals("{}", Files.readString(old));
  }

  @Test
  void classifyRefusesToOverwriteTheFolderItsModelLiesIn() throws Exception {
    Path input = temp.resolve("to-classify-into-the-run");
    SharedData.copyAsDataset(SharedData.fruits(1, 1), input);
    Path model = run.resolve("classifier/classifier.onnx");
    CliRun classify = CliRun.of("classify", "--model", model.toString(), "--input",
        input.toString(), "--output", run.toString(), "--overwrite");
    assertEquals(2, classify.exit(), classify.stderr());
    assertTrue(classify.stderr().contains("--model " + model + " overlap"), classify.stderr());
    assertTrue(Files.exists(model));
    assertTrue(Files.exists(run.resolve("_SUCCESS")));
  }

  @Test
  void classifyRefusesAModelWithoutItsClassifierDescriptor() throws Exception {
    CliRun classify = CliRun.of("classify", "--model", SharedData.floatModel().toString(),
        "--input", temp.resolve("input").toString(), "--output", temp.resolve("no").toString());
    assertEquals(2, classify.exit());
    assertTrue(classify.stderr().contains("classifier.json") || classify.stderr().contains(".json"),
        classify.stderr());
    assertFalse(Files.exists(temp.resolve("no")));
  }

  @Test
  void refusesAnExistingClassifierAndAFolderThatIsNotARun() throws Exception {
    CliRun again = CliRun.of("train", "--run", run.toString());
    assertEquals(2, again.exit());
    assertTrue(again.stderr().contains("--overwrite"), again.stderr());
    CliRun notARun = CliRun.of("train", "--run", temp.resolve("input").toString());
    assertEquals(2, notARun.exit());
    assertTrue(notARun.stderr().contains("not the output of a finished run"), notARun.stderr());
    assertEquals(2, CliRun.of("train").exit());
  }
}
