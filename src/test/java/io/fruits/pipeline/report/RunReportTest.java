package io.fruits.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.output.OutputLayout;
import io.fruits.pipeline.output.RowSample;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small real run (3 labels × 8 photos, k = 4), then the report it wrote checked against its
 * outputs: the rows the projection tasks sampled for it must be the Parquet rows themselves.
 */
class RunReportTest {

  private static final int CLASSES = 3;
  private static final int PER_CLASS = 8;

  @TempDir static java.nio.file.Path temp;
  static java.nio.file.Path output;
  static Configuration conf = new Configuration();
  static KnnAccuracy.Result knn;
  static String html;
  static RunSummary summary;

  @BeforeAll
  static void runAndReport() throws Exception {
    java.nio.file.Path input = temp.resolve("in");
    output = temp.resolve("out");
    SharedData.copyAsDataset(SharedData.fruits(CLASSES, PER_CLASS), input);
    CliRun run = CliRun.pipeline(input, output, SharedData.floatModel(), "--pca-k", "4");
    assertEquals(0, run.exit(), run.stderr());
    html = Files.readString(output.resolve(OutputLayout.REPORT_PAGE), StandardCharsets.UTF_8);
    summary = summary(root());
    knn = knnOfTheParquetRows(root());
  }

  private static RunSummary summary(Path root) throws Exception {
    try (InputStream in = root.getFileSystem(conf).open(new OutputLayout(root).summary())) {
      return RunSummary.readJson(in);
    }
  }

  /** The summary as the report saw it: before the report's own time and accuracy were added. */
  private static RunSummary beforeTheReport(RunSummary done) {
    Map<String, Double> stages = new LinkedHashMap<>(done.stageSeconds());
    stages.remove("report");
    return new RunSummary(done.input(), done.output(), done.model(), done.modelId(),
        done.precision(), done.pcaReused(), done.imagesListed(), done.imagesRead(),
        done.imagesEmbedded(), done.imagesRejected(), done.rejectedByReason(),
        done.unreadableFolders(), done.mapTasks(),
        done.covarianceReducers(), done.pcaComponents(), done.pcaExplainedVariance(), stages,
        done.taskSeconds(), done.incremental(), done.featureFiles(), null, null);
  }

  /** Every Parquet row, in file then row order: what a run of fewer than 5,000 rows samples. */
  private static RowSample allRows(Path root) throws Exception {
    List<Path> files = new ArrayList<>(ParquetRows.files(conf, new Path(root, "features")));
    files.sort(Comparator.comparing(Path::getName));
    Map<String, Long> perLabel = new TreeMap<>();
    List<float[]> points = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (Path file : files) {
      // ParquetRows reads folders; one folder per file keeps the order.
      java.nio.file.Path one = Files.createTempDirectory(temp, "single-");
      Files.copy(java.nio.file.Path.of(file.toUri()), one.resolve(file.getName()));
      for (Group row : ParquetRows.read(conf, new Path(one.toUri()))) {
        points.add(ParquetRows.floats(row, "pca"));
        labels.add(row.getString("label", 0));
        perLabel.merge(row.getString("label", 0), 1L, Long::sum);
      }
    }
    return new RowSample(perLabel, labels, points);
  }

  private static KnnAccuracy.Result knnOfTheParquetRows(Path root) throws Exception {
    RowSample rows = allRows(root);
    return KnnAccuracy.evaluate(rows.points().toArray(new float[0][]),
        rows.labels().toArray(new String[0]), RunReport.TEST_FRACTION, RunReport.SEED);
  }

  private static Path root() {
    return new Path(output.toUri());
  }

  @Test
  void showsTheSummaryCounts() {
    assertEquals(CLASSES * PER_CLASS, summary.imagesEmbedded());
    assertTrue(html.contains("<td>listed</td><td class=\"n\">" + summary.imagesListed() + "</td>"));
    assertTrue(html.contains("<td>embedded</td><td class=\"n\">" + summary.imagesEmbedded() + "</td>"));
    assertTrue(html.contains("<td>rejected</td><td class=\"n\">0</td>"));
    // The stages and task steps of a full run, as the README lists them; the page is written
    // during the report stage, so it shows the six before it.
    Set<String> stages = beforeTheReport(summary).stageSeconds().keySet();
    assertEquals(Set.of("plan", "embed", "pca-merge", "eigen", "pca-save", "project"), stages);
    for (String stage : stages) {
      assertTrue(html.contains("<td>" + stage + "</td>"), "stage " + stage);
    }
    assertEquals(Set.of("decode", "inference", "write-embeddings", "pca-sums", "covariance-merge",
        "projection", "parquet-write"), summary.taskSeconds().keySet());
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

    // The run's own accuracy is that of every Parquet row, in file order.
    assertEquals(knn.top1(), summary.nearestNeighbourAccuracy());
    assertEquals(knn.testRows(), summary.nearestNeighbourTestRows());
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
  void theRowsTheTasksSampledAreTheParquetRows() throws Exception {
    OutputLayout layout = new OutputLayout(root());
    assertEquals(knn, new RunReport(conf).write(layout, beforeTheReport(summary),
        PcaModelFile.load(conf, layout.pcaModel()), allRows(root())));
    assertEquals(html, Files.readString(output.resolve(OutputLayout.REPORT_PAGE), StandardCharsets.UTF_8));
  }

  @Test
  void oneComponentGivesNoScatterAndSaysWhy(@TempDir java.nio.file.Path small) throws Exception {
    SharedData.copyAsDataset(SharedData.fruits(2, 3), small.resolve("in"));
    java.nio.file.Path out = small.resolve("out");
    CliRun run = CliRun.pipeline(small.resolve("in"), out, SharedData.floatModel(), "--pca-k", "1");
    assertEquals(0, run.exit(), run.stderr());
    KnnAccuracy.Result result = knnOfTheParquetRows(new Path(out.toUri()));
    String page = Files.readString(out.resolve(OutputLayout.REPORT_PAGE), StandardCharsets.UTF_8);
    assertTrue(page.contains("No PCA scatter: it needs k &gt;= 2"), page);
    assertTrue(Files.exists(out.resolve("report/explained-variance.png")));
    assertTrue(Files.notExists(out.resolve("report/pca-scatter.png")));
    assertEquals(2, result.testRows()); // round(3 × 0.3) = 1 per label
    assertEquals(2, summary(new Path(out.toUri())).nearestNeighbourTestRows());
  }
}
