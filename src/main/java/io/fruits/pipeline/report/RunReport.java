package io.fruits.pipeline.report;

import io.fruits.pipeline.output.OutputLayout;
import io.fruits.pipeline.output.RowSample;
import io.fruits.pipeline.output.RunSummary;
import io.fruits.pipeline.pca.PcaModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a finished run's report: {@code <output>/report.html} and the charts as PNG files in
 * {@code <output>/report/}, through the Hadoop {@link FileSystem}, so it works on HDFS and S3 as
 * on the local disk. It reads nothing: the run hands it its summary, its PCA and a
 * {@link RowSample} that the projection tasks gathered while they wrote the rows, so its time and
 * memory stay bounded whatever the run's size (about 5,000 sampled rows of k floats).
 */
public final class RunReport {

  private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

  public static final String CHART_FOLDER = OutputLayout.REPORT_CHARTS;
  public static final long SEED = RowSample.SEED;
  /** Share of each label's rows held out for the kNN test. */
  public static final double TEST_FRACTION = 0.3;

  private final Configuration conf;

  public RunReport(Configuration conf) {
    this.conf = conf;
  }

  /**
   * Writes the report of the run in {@code layout} there, replacing an older one.
   *
   * @param run the run's summary, as far as it is known before the report
   * @param pca the PCA the run projected with
   * @param sample the rows per label and the sampled rows' scores, gathered as the rows were
   *     written
   * @return the kNN scores shown in the report, for the run summary
   */
  public KnnAccuracy.Result write(OutputLayout layout, RunSummary run, PcaModel pca,
      RowSample sample) throws IOException {
    long start = System.nanoTime();
    FileSystem fs = layout.root().getFileSystem(conf);
    Map<String, Long> perClass = new TreeMap<>(sample.rowsPerLabel());
    long rows = sample.rows();
    float[][] points = sample.points().toArray(new float[0][]);
    String[] labels = sample.labels().toArray(new String[0]);
    KnnAccuracy.Result knn = KnnAccuracy.evaluate(points, labels, TEST_FRACTION, SEED);

    List<ReportPage.Chart> charts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    charts.add(new ReportPage.Chart("explained-variance.png",
        "Explained variance per component and cumulative; the line marks k = " + pca.k(),
        ReportCharts.explainedVariance(pca.explainedVarianceRatio(), pca.k())));
    if (pca.k() >= 2 && points.length > 0) {
      charts.add(new ReportPage.Chart("pca-scatter.png",
          "First two principal components of " + points.length + " sampled rows, by label",
          ReportCharts.scatter(points, labels)));
    } else {
      notes.add("No PCA scatter: it needs k >= 2 principal components and at least one row; this"
          + " run kept k = " + pca.k() + " and has " + rows + " rows.");
    }
    charts.add(new ReportPage.Chart("timings.png", "Seconds per stage (wall-clock) and per step"
        + " (summed over tasks)", ReportCharts.timings(run.stageSeconds(), run.taskSeconds())));

    Path chartFolder = layout.reportCharts();
    fs.mkdirs(chartFolder);
    for (ReportPage.Chart chart : charts) {
      try (OutputStream out = fs.create(new Path(chartFolder, chart.file()), true)) {
        out.write(chart.png());
      }
    }
    String html = ReportPage.render(new ReportPage.Content(run, perClass, rows, pca.k(),
        pca.explainedVarianceRatio(), points.length, RowSample.TARGET, knn, TEST_FRACTION, SEED,
        CHART_FOLDER, charts, notes));
    try (OutputStream out = fs.create(layout.reportPage(), true)) {
      out.write(html.getBytes(StandardCharsets.UTF_8));
    }
    LOG.info("Report: {} rows, {} labels, 1-NN accuracy {} on {} test rows, in {} s", rows,
        perClass.size(), knn.top1(), knn.testRows(), (System.nanoTime() - start) / 1e9);
    return knn;
  }
}
