package io.fruits.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.output.OutputLayout;
import io.fruits.pipeline.output.RunSummary;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small real run (3 labels × 8 photos, k = 4), then its report checked against its outputs. */
class RunReportTest {

  private static final int CLASSES = 3;
  private static final int PER_CLASS = 8;

  @TempDir static java.nio.file.Path temp;
  static java.nio.file.Path output;
  static Configuration conf = new Configuration();
  static KnnAccuracy.Result knn;
  static String html;

  @BeforeAll
  static void runAndReport() throws Exception {
    java.nio.file.Path input = temp.resolve("in");
    output = temp.resolve("out");
    SharedData.copyAsDataset(SharedData.fruits(CLASSES, PER_CLASS), input);
    CliRun run = CliRun.pipeline(input, output, SharedData.floatModel(), "--pca-k", "4");
    assertEquals(0, run.exit(), run.stderr());
    knn = report(root());
    html = Files.readString(output.resolve(RunReport.HTML), StandardCharsets.UTF_8);
  }

  /** Writes the report of the run in {@code root} again, from its saved summary and PCA. */
  private static KnnAccuracy.Result report(Path root) throws Exception {
    OutputLayout layout = new OutputLayout(root);
    RunSummary summary;
    try (InputStream in = root.getFileSystem(conf).open(layout.summary())) {
      summary = RunSummary.readJson(in);
    }
    return new RunReport(conf).write(layout, summary, PcaModelFile.load(conf, layout.pcaModel()));
  }

  private static Path root() {
    return new Path(output.toUri());
  }

  @Test
  void showsTheSummaryCounts() throws Exception {
    RunSummary summary;
    try (InputStream in = Files.newInputStream(output.resolve("summary.json"))) {
      summary = RunSummary.readJson(in);
    }
    assertEquals(CLASSES * PER_CLASS, summary.imagesEmbedded());
    assertTrue(html.contains("<td>listed</td><td class=\"n\">" + summary.imagesListed() + "</td>"));
    assertTrue(html.contains("<td>embedded</td><td class=\"n\">" + summary.imagesEmbedded() + "</td>"));
    assertTrue(html.contains("<td>rejected</td><td class=\"n\">0</td>"));
    for (String stage : summary.stageSeconds().keySet()) {
      assertTrue(html.contains("<td>" + stage + "</td>"), "stage " + stage);
    }
    for (String step : summary.taskSeconds().keySet()) {
      assertTrue(html.contains("<td>" + step + "</td>"), "step " + step);
    }
  }

  @Test
  void countsEveryLabelOfTheFeatures() throws Exception {
    Map<String, Integer> expected = new TreeMap<>();
    for (Group row : ParquetRows.read(conf, new Path(root(), "features"))) {
      expected.merge(row.getString("label", 0), 1, Integer::sum);
    }
    assertEquals(CLASSES, expected.size());
    expected.forEach((label, n) -> assertTrue(
        html.contains("<td>" + ReportPage.esc(label) + "</td><td class=\"n\">" + n + "</td>"),
        label + ": " + n));
  }

  @Test
  void showsThePcaFromTheSavedModel() throws Exception {
    PcaModel pca = PcaModelFile.load(conf, new Path(root(), "pca/model.bin"));
    assertEquals(4, pca.k());
    assertTrue(html.contains("k = 4 of " + pca.dimension() + " components, cumulative explained"
        + " variance " + ReportPage.fixed(pca.cumulativeExplainedVariance())));
  }

  @Test
  void scoresTheFeaturesOnAStratifiedSplit() throws Exception {
    // round(8 × 0.3) = 2 held out per label.
    assertEquals(CLASSES * 2, knn.testRows());
    assertEquals(CLASSES * PER_CLASS - CLASSES * 2, knn.trainRows());
    assertEquals(CLASSES, knn.classes());
    assertTrue(knn.top1() > knn.chance(), "1-NN " + knn.top1() + " vs chance " + knn.chance());
    assertTrue(html.contains("1-NN accuracy <b>" + ReportPage.fixed(knn.top1()) + "</b>"));
    assertTrue(html.contains("5-NN accuracy <b>" + ReportPage.fixed(knn.topK()) + "</b>"));

    // The same rows in the same order (files by name) give the same scores.
    List<Path> files = new ArrayList<>(ParquetRows.files(conf, new Path(root(), "features")));
    files.sort(Comparator.comparing(Path::getName));
    List<float[]> points = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (Path file : files) {
      // ParquetRows reads folders; one folder per file keeps the order.
      java.nio.file.Path one = temp.resolve("single-" + file.getName());
      Files.createDirectories(one);
      Files.copy(java.nio.file.Path.of(file.toUri()), one.resolve(file.getName()));
      for (Group row : ParquetRows.read(conf, new Path(one.toUri()))) {
        points.add(ParquetRows.floats(row, "pca"));
        labels.add(row.getString("label", 0));
      }
    }
    KnnAccuracy.Result again = KnnAccuracy.evaluate(points.toArray(new float[0][]),
        labels.toArray(new String[0]), RunReport.TEST_FRACTION, RunReport.SEED);
    assertEquals(again, knn);
  }

  @Test
  void writesPngChartsAndEmbedsThem() throws Exception {
    for (String name : List.of("explained-variance.png", "pca-scatter.png", "timings.png")) {
      java.nio.file.Path file = output.resolve(RunReport.CHART_FOLDER).resolve(name);
      byte[] png = Files.readAllBytes(file);
      BufferedImage image = ImageIO.read(file.toFile());
      assertNotNull(image, name);
      assertEquals(ReportCharts.WIDTH, image.getWidth());
      assertEquals(ReportCharts.HEIGHT, image.getHeight());
      assertTrue(html.contains("data:image/png;base64," + Base64.getEncoder().encodeToString(png)),
          name + " not embedded");
      assertTrue(html.contains("href=\"report/" + name + "\""), name + " not linked");
    }
  }

  @Test
  void writingAgainReplacesTheReportWithTheSameOne() throws Exception {
    assertEquals(knn, report(root()));
    assertEquals(html, Files.readString(output.resolve(RunReport.HTML), StandardCharsets.UTF_8));
  }

  @Test
  void oneComponentGivesNoScatterAndSaysWhy(@TempDir java.nio.file.Path small) throws Exception {
    SharedData.copyAsDataset(SharedData.fruits(2, 3), small.resolve("in"));
    java.nio.file.Path out = small.resolve("out");
    CliRun run = CliRun.pipeline(small.resolve("in"), out, SharedData.floatModel(), "--pca-k", "1");
    assertEquals(0, run.exit(), run.stderr());
    KnnAccuracy.Result result = report(new Path(out.toUri()));
    String page = Files.readString(out.resolve(RunReport.HTML), StandardCharsets.UTF_8);
    assertTrue(page.contains("No PCA scatter: it needs k &gt;= 2"), page);
    assertTrue(Files.exists(out.resolve("report/explained-variance.png")));
    assertTrue(Files.notExists(out.resolve("report/pca-scatter.png")));
    assertEquals(2, result.testRows()); // round(3 × 0.3) = 1 per label
  }
}
