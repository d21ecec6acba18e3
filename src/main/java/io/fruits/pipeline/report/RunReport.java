package io.fruits.pipeline.report;

import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.output.FeatureSchema;
import io.fruits.pipeline.output.OutputLayout;
import io.fruits.pipeline.output.RunSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a finished run's report: {@code <output>/report.html} and the charts as PNG files in
 * {@code <output>/report/}. It is given the run's summary and PCA, and reads the rows of
 * {@code features/*.parquet} through the Hadoop {@link FileSystem}, so it works on HDFS and S3 as
 * on the local disk.
 *
 * <p>Memory stays bounded whatever the run's size: the features are streamed once, reading only
 * the {@code label} and {@code pca} columns; rows per label are counted over all rows, while the
 * scatter and the kNN accuracy use a seeded reservoir sample of at most {@link #SAMPLE_LIMIT}
 * rows (k floats each).
 */
public final class RunReport {

  private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

  public static final String HTML = OutputLayout.REPORT_PAGE;
  public static final String CHART_FOLDER = OutputLayout.REPORT_CHARTS;
  public static final int SAMPLE_LIMIT = 5_000;
  public static final long SEED = 42;
  /** Share of each label's rows held out for the kNN test. */
  public static final double TEST_FRACTION = 0.3;

  private static final String PROJECTION =
      FeatureSchema.columns(FeatureSchema.LABEL, FeatureSchema.PCA).toString();

  private final Configuration conf;

  public RunReport(Configuration conf) {
    this.conf = conf;
  }

  /**
   * Reads the rows of the run in {@code layout} and writes its report there, replacing an older
   * one.
   *
   * @param run the run's summary, as far as it is known before the report
   * @param pca the PCA the run projected with
   * @return the kNN scores shown in the report, for the run summary
   */
  public KnnAccuracy.Result write(OutputLayout layout, RunSummary run, PcaModel pca)
      throws IOException {
    long start = System.nanoTime();
    FileSystem fs = layout.root().getFileSystem(conf);
    Sample sample = new Sample(SAMPLE_LIMIT, new Random(SEED));
    Map<String, Long> perClass = new TreeMap<>();
    long rows = scan(layout.featureFiles(conf), sample, perClass);

    float[][] points = sample.points.toArray(new float[0][]);
    String[] labels = sample.labels.toArray(new String[0]);
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
        pca.explainedVarianceRatio(), points.length, SAMPLE_LIMIT, knn, TEST_FRACTION, SEED,
        CHART_FOLDER, charts, notes));
    try (OutputStream out = fs.create(layout.reportPage(), true)) {
      out.write(html.getBytes(StandardCharsets.UTF_8));
    }
    LOG.info("Report: {} rows, {} labels, 1-NN accuracy {} on {} test rows, in {} s", rows,
        perClass.size(), knn.top1(), knn.testRows(), (System.nanoTime() - start) / 1e9);
    return knn;
  }

  /** Streams the Parquet files of the features: counts labels, fills the sample. */
  private long scan(List<Path> files, Sample sample, Map<String, Long> perClass)
      throws IOException {
    Configuration read = new Configuration(conf);
    read.set(ReadSupport.PARQUET_READ_SCHEMA, PROJECTION);
    long rows = 0;
    for (Path file : files) {
      try (ParquetReader<Group> reader =
          ParquetReader.builder(new GroupReadSupport(), file).withConf(read).build()) {
        for (Group row = reader.read(); row != null; row = reader.read()) {
          String label = row.getString(FeatureSchema.LABEL, 0);
          perClass.merge(label, 1L, Long::sum);
          rows++;
          sample.offer(label, row);
        }
      }
    }
    return rows;
  }

  /** Algorithm R: every row seen has the same chance to be among the kept ones. */
  private static final class Sample {
    private final int limit;
    private final Random random;
    private final List<float[]> points = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private long seen;

    Sample(int limit, Random random) {
      this.limit = limit;
      this.random = random;
    }

    void offer(String label, Group row) {
      seen++;
      if (points.size() < limit) {
        points.add(scores(row));
        labels.add(label);
        return;
      }
      long slot = (long) (random.nextDouble() * seen);
      if (slot < limit) {
        points.set((int) slot, scores(row));
        labels.set((int) slot, label);
      }
    }

    private static float[] scores(Group row) {
      Group list = row.getGroup(FeatureSchema.PCA, 0);
      int n = list.getFieldRepetitionCount("list");
      float[] values = new float[n];
      for (int i = 0; i < n; i++) {
        values[i] = list.getGroup("list", i).getFloat("element", 0);
      }
      return values;
    }
  }
}
