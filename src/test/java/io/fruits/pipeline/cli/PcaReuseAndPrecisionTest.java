package io.fruits.pipeline.cli;

import io.fruits.pipeline.testing.ReferenceProjection;
import io.fruits.pipeline.output.RunSummary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Int8 runs end to end, and saved PCA state is reused only with the model it was fitted on. */
class PcaReuseAndPrecisionTest {

  @TempDir static Path temp;
  static Path firstInput;
  static Path floatRun;
  static Path int8Model;

  @BeforeAll
  static void fitOnFirstImages() throws Exception {
    int8Model = SharedData.models().resolve("mobilenet_v2_1.0_224_int8.onnx");
    firstInput = temp.resolve("first");
    SharedData.copyAsDataset(SharedData.fruits(3, 6), firstInput);
    floatRun = temp.resolve("float-run");
    assertEquals(0, CliRun.pipeline(firstInput, floatRun, SharedData.floatModel(), "--pca-k", "5").exit());
  }

  @Test
  void newImagesAreProjectedWithTheSavedComponents() throws Exception {
    Path more = temp.resolve("more");
    SharedData.copyAsDataset(SharedData.fruits(5, 9).subList(30, 45), more);
    Path output = temp.resolve("reused");
    Path saved = floatRun.resolve("pca/model.bin");
    assertEquals(0, CliRun.pipeline(more, output, SharedData.floatModel(), "--pca-model", saved.toString()).exit());

    Configuration conf = new Configuration();
    PcaModel pca = PcaModelFile.load(conf, new org.apache.hadoop.fs.Path(saved.toUri()));
    List<Group> rows = ParquetRows.read(conf, new org.apache.hadoop.fs.Path(output.resolve("features").toUri()));
    assertEquals(15, rows.size());
    for (Group row : rows) {
      float[] expected = ReferenceProjection.of(pca, ParquetRows.floats(row, "features"));
      float[] actual = ParquetRows.floats(row, "pca");
      assertEquals(5, actual.length);
      for (int c = 0; c < 5; c++) {
        assertEquals(expected[c], actual[c], 1e-5f);
      }
    }
    try (InputStream in = Files.newInputStream(output.resolve("summary.json"))) {
      assertTrue(RunSummary.readJson(in).pcaReused());
    }
  }

  @Test
  void int8RunsEndToEndAndIsRecordedAsSuch() throws Exception {
    Path output = temp.resolve("int8-run");
    assertEquals(0, CliRun.pipeline(firstInput, output, int8Model, "--precision", "int8", "--pca-k", "5").exit());
    try (InputStream in = Files.newInputStream(output.resolve("summary.json"))) {
      RunSummary summary = RunSummary.readJson(in);
      assertEquals("INT8", summary.precision());
      assertTrue(summary.modelId().startsWith("mobilenet_v2_1.0_224/int8/sha256:c5f630a62f9053f9"));
      assertEquals(18, summary.imagesEmbedded());
    }
    PcaModel pca = PcaModelFile.load(new Configuration(),
        new org.apache.hadoop.fs.Path(output.resolve("pca/model.bin").toUri()));
    assertTrue(pca.modelName().contains("/int8/"), pca.modelName());
  }

  @Test
  void pcaStateFromTheFloatModelIsRefusedForTheInt8Model() throws Exception {
    Path output = temp.resolve("mixed");
    CliRun result = CliRun.pipeline(firstInput, output, int8Model,
        "--pca-model", floatRun.resolve("pca/model.bin").toString());
    assertEquals(2, result.exit());
    assertTrue(result.stderr().contains("was fitted on features of mobilenet_v2_1.0_224/fp32/")
        && result.stderr().contains("not of mobilenet_v2_1.0_224/int8/"), result.stderr());
    assertFalse(Files.exists(output));
  }

  @Test
  void aModelOfTheWrongPrecisionIsRefused() throws Exception {
    CliRun result = CliRun.pipeline(firstInput, temp.resolve("wrong"), SharedData.floatModel(), "--precision", "int8");
    assertEquals(2, result.exit());
    assertTrue(result.stderr().contains("is FP32, not INT8"), result.stderr());
  }
}
