package io.fruits.pipeline.cli;

import io.fruits.pipeline.output.RunSummary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.image.ImageKeys;
import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import io.fruits.pipeline.output.FeatureSchema;
import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code run} command end to end on the local runner, the way a user starts it. */
class PipelineToolTest {

  private static final int CLASSES = 4;
  private static final int PER_CLASS = 6;

  @TempDir static java.nio.file.Path temp;
  static java.nio.file.Path input;
  static java.nio.file.Path output;
  static int firstRunExit;
  static String firstRunStderr;
  static String firstRunStdout;

  @BeforeAll
  static void runOnce() throws Exception {
    input = temp.resolve("in");
    output = temp.resolve("out");
    SharedData.copyAsDataset(SharedData.fruits(CLASSES, PER_CLASS), input);
    // A small split size makes several map tasks, as a cluster would.
    CliRun first = CliRun.of("run", "-D", IngestKeys.SPLIT_SIZE.key() + "=40000",
        "--input", input.toString(), "--output", output.toString(),
        "--model", SharedData.floatModel().toString(), "--pca-variance", "0.9");
    firstRunExit = first.exit();
    firstRunStderr = first.stderr();
    firstRunStdout = first.stdout();
  }

  @Test
  void everyImageAppearsOnceWithItsLabelFeaturesAndProjection() throws Exception {
    assertEquals(0, firstRunExit);
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path features = new org.apache.hadoop.fs.Path(output.resolve("features").toUri());
    List<Group> rows = ParquetRows.read(conf, features);
    PcaModel pca = PcaModelFile.load(conf,
        new org.apache.hadoop.fs.Path(output.resolve("pca/model.bin").toUri()));

    Map<String, String> expectedLabels = new HashMap<>();
    try (var files = Files.walk(input)) {
      files.filter(Files::isRegularFile).forEach(f ->
          expectedLabels.put(f.toAbsolutePath().toString(), f.getParent().getFileName().toString()));
    }
    assertEquals(CLASSES * PER_CLASS, expectedLabels.size());
    assertEquals(expectedLabels.size(), rows.size());

    double[] mean = pca.mean();
    double[][] components = pca.components();
    Map<String, String> seen = new HashMap<>();
    for (Group row : rows) {
      String path = new org.apache.hadoop.fs.Path(row.getString("path", 0)).toUri().getPath();
      assertTrue(seen.put(path, row.getString("label", 0)) == null, "duplicate row for " + path);
      float[] embedding = ParquetRows.floats(row, "features");
      float[] projected = ParquetRows.floats(row, "pca");
      assertEquals(1280, embedding.length);
      for (float v : embedding) {
        assertTrue(Float.isFinite(v));
      }
      assertEquals(pca.k(), projected.length);
      // The projection recomputed here in double precision from the saved model.
      for (int c = 0; c < pca.k(); c++) {
        double dot = 0;
        for (int j = 0; j < embedding.length; j++) {
          dot += (embedding[j] - mean[j]) * components[c][j];
        }
        assertEquals(dot, projected[c], 1e-3 * Math.max(1, Math.abs(dot)));
      }
    }
    assertEquals(expectedLabels, seen);
    assertEquals(CLASSES * PER_CLASS, pca.count());
    assertTrue(pca.cumulativeExplainedVariance() >= 0.9);
  }

  @Test
  void summaryAndFootersDescribeTheRun() throws Exception {
    assertEquals(0, firstRunExit);
    RunSummary summary;
    try (InputStream in = Files.newInputStream(output.resolve("summary.json"))) {
      summary = RunSummary.readJson(in);
    }
    assertEquals(CLASSES * PER_CLASS, summary.imagesListed());
    assertEquals(CLASSES * PER_CLASS, summary.imagesRead());
    assertEquals(CLASSES * PER_CLASS, summary.imagesEmbedded());
    assertEquals(0, summary.imagesRejected());
    assertTrue(summary.mapTasks() > 1, "a small split size should give several map tasks");
    assertEquals(1, summary.covarianceReducers(), "a few map tasks need one covariance reducer");
    assertTrue(Files.exists(output.resolve("_SUCCESS")));
    assertFalse(Files.exists(output.resolve("_work")), "intermediate data must be removed");
    assertTrue(Files.size(output.resolve("report.html")) > 0, "every run writes its report");
    // 4 classes x 6 photos, 30% of each class held out: 2 test images per class.
    assertEquals(8, summary.nearestNeighbourTestRows());
    assertTrue(summary.nearestNeighbourAccuracy() >= 0 && summary.nearestNeighbourAccuracy() <= 1);
    assertTrue(firstRunStdout.contains(String.format(java.util.Locale.ROOT,
        "feature quality: 1-NN accuracy %.3f", summary.nearestNeighbourAccuracy())), firstRunStdout);
    assertTrue(Files.exists(output.resolve("report/pca-scatter.png")));

    Configuration conf = new Configuration();
    List<org.apache.hadoop.fs.Path> files = ParquetRows.files(conf,
        new org.apache.hadoop.fs.Path(output.resolve("features").toUri()));
    assertTrue(files.size() > 1, "a small split size should give several map tasks, got " + files.size());
    for (org.apache.hadoop.fs.Path file : files) {
      Map<String, String> footer = ParquetRows.footer(conf, file);
      assertEquals(String.valueOf(summary.pcaComponents()), footer.get(FeatureSchema.FOOTER_PCA_K),
          file.getName());
      assertEquals(summary.modelId(), footer.get(FeatureSchema.FOOTER_MODEL), file.getName());
    }
    // Float lists are plain-encoded without min/max statistics; the label column, which
    // repeats, keeps its dictionary, and the scalar columns their statistics.
    for (String column : List.of("features.list.element", "pca.list.element")) {
      Set<Encoding> encodings = ParquetRows.encodings(conf, files.get(0), column);
      assertTrue(encodings.contains(Encoding.PLAIN), column + ": " + encodings);
      assertFalse(encodings.stream().anyMatch(Encoding::usesDictionary), column + ": " + encodings);
      assertFalse(ParquetRows.hasMinMax(conf, files.get(0), column), column);
    }
    assertTrue(ParquetRows.hasMinMax(conf, files.get(0), "size"));
    assertTrue(ParquetRows.encodings(conf, files.get(0), "label").stream()
        .anyMatch(Encoding::usesDictionary));
    assertTrue(summary.modelId().startsWith("mobilenet_v2_1.0_224/fp32/sha256:8138f2a4bce788a0"),
        summary.modelId());
    assertEquals("FP32", summary.precision());
  }

  @Test
  void progressIsReportedWithImagesDoneOfTheTotal() {
    assertEquals(0, firstRunExit);
    int total = CLASSES * PER_CLASS;
    assertTrue(firstRunStderr.contains("embed: " + total + "/" + total + " images (100%)"),
        firstRunStderr);
    assertTrue(firstRunStderr.contains("project: map 100%"), firstRunStderr);
  }

  @Test
  void existingOutputIsRefusedWithoutOverwrite() throws Exception {
    assertEquals(0, firstRunExit);
    CliRun result = CliRun.of("run", "--input", input.toString(), "--output", output.toString(),
        "--model", SharedData.floatModel().toString());
    assertEquals(2, result.exit());
    assertTrue(result.stderr().contains("already exists") && result.stderr().contains("--overwrite"),
        result.stderr());
  }

  @Test
  void userMistakesGiveOneLineAndExitCode2() throws Exception {
    String model = SharedData.floatModel().toString();
    String out = temp.resolve("never").toString();
    assertUserError("--input is required", "run", "--output", out, "--model", model);
    assertUserError("Unrecognized option", "run", "--input", input.toString(), "--output", out,
        "--model", model, "--bogus");
    assertUserError("does not exist", "run", "--input", temp.resolve("missing").toString(),
        "--output", out, "--model", model);
    assertUserError("does not exist", "run", "--input", input.toString(), "--output", out,
        "--model", temp.resolve("missing.onnx").toString());
    java.nio.file.Path notAModel = Files.writeString(temp.resolve("not-a-model.onnx"), "hello");
    assertUserError("not-a-model.onnx", "run", "--input", input.toString(), "--output", out,
        "--model", notAModel.toString());
    java.nio.file.Path empty = temp.resolve("empty");
    Files.createDirectories(empty.resolve("Empty Class"));
    Files.writeString(empty.resolve("notes.txt"), "not an image");
    assertUserError("no image files", "run", "--input", empty.toString(), "--output", out,
        "--model", model);
    assertUserError("more than the feature dimension, 1280", "run", "--input", input.toString(),
        "--output", out, "--model", model, "--pca-k", "1281");
    assertUserError("'input' of shape [N,224,224,3]", "run", "--input", input.toString(), "--output", out,
        "--model", SharedData.models().resolve("variants/mobilenet_v2_zoo_style.onnx").toString());
    assertUserError("must be an integer", "run", "--input", input.toString(), "--output", out,
        "--model", model, "--batch-size", "lots");
    // A setting only the map tasks read is still checked before anything runs.
    assertUserError("fruits.image.decode-timeout must be a positive number of milliseconds, got 0",
        "run", "-D", ImageKeys.DECODE_TIMEOUT.key() + "=0", "--input", input.toString(),
        "--output", out, "--model", model);
    assertUserError("exclude each other", "run", "--input", input.toString(), "--output", out,
        "--model", model, "--pca-k", "3", "--pca-variance", "0.5");
    assertFalse(Files.exists(temp.resolve("never")), "a refused run must not create its output");
  }

  @Test
  void unknownCommandAndBareInvocationAreUsageErrors() throws Exception {
    assertEquals(2, CliRun.of("frobnicate").exit());
    CliRun bare = CliRun.of();
    assertEquals(2, bare.exit());
    assertTrue(bare.stdout().contains("Usage:"));
  }

  private static void assertUserError(String expected, String... args) throws Exception {
    CliRun result = CliRun.of(args);
    assertEquals(2, result.exit(), "exit code for " + String.join(" ", args) + "; stderr: " + result.stderr());
    assertTrue(result.stderr().contains(expected), "stderr should contain '" + expected + "': " + result.stderr());
    assertEquals(1, result.stderr().strip().lines().filter(l -> l.startsWith("fruits-pipeline:")).count(),
        result.stderr());
    assertFalse(result.stderr().contains("\tat "), "no stack trace for a user error: " + result.stderr());
  }
}
