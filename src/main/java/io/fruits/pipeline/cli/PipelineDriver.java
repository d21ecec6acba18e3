package io.fruits.pipeline.cli;

import io.fruits.pipeline.embed.EmbedJob;
import io.fruits.pipeline.embed.EmbedMapper;
import io.fruits.pipeline.output.FeatureSchema;
import io.fruits.pipeline.output.FeatureWriterWarmUp;
import io.fruits.pipeline.output.OutputImages;
import io.fruits.pipeline.output.OutputLayout;
import io.fruits.pipeline.output.RowSample;
import io.fruits.pipeline.output.RowSampleFiles;
import io.fruits.pipeline.output.RunSummary;
import io.fruits.pipeline.pca.CovarianceReducer;
import io.fruits.pipeline.pca.CovarianceSums;
import io.fruits.pipeline.pca.CovarianceSumsFile;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import io.fruits.pipeline.project.ProjectJob;
import io.fruits.pipeline.project.ProjectMapper;
import io.fruits.pipeline.report.KnnAccuracy;
import io.fruits.pipeline.report.RunReport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link RunPlan}, stage after stage: embed (job 1, or the committed job of the
 * interrupted run that {@code --resume} goes on from), merge the covariance sums, fit or reuse the
 * PCA, project (job 2), then the report and the summary. Intermediate data lives under
 * {@code _work} in the folder the run writes to. A failed run removes that folder, so nothing of
 * it is mistaken for a result, except, once the embed job has committed, {@code _work} for
 * {@code --resume}; an output it was to replace stays as it was. {@code _SUCCESS} is written last.
 */
final class PipelineDriver {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineDriver.class);

  private final Configuration conf;
  private final RunPlan plan;
  private final OutputLayout layout;
  private final StageTimes times = new StageTimes();
  private RunInterruption interruption;

  /** @param planStart when planning began, so the summary counts the plan as a stage */
  PipelineDriver(Configuration conf, RunPlan plan, long planStart) {
    this.conf = conf;
    this.plan = plan;
    this.layout = plan.layout();
    times.stage("plan", planStart);
  }

  RunSummary run() throws IOException, InterruptedException, StageFailedException {
    FileSystem fs = layout.root().getFileSystem(conf);
    UnfinishedRun unfinished = new UnfinishedRun(conf, layout);
    boolean complete = false;
    try (RunInterruption stopping = new RunInterruption(conf, unfinished)) {
      interruption = stopping;
      EmbedCounts embedded = plan.embedding().counts(this::embed, times);
      unfinished.embeddingsCommitted();
      CovarianceSums sums = mergeSums();
      PcaModel pca = choosePca(sums, embedded);
      RowSample rows = project(pca, embedded);
      RunSummary summary = finish(embedded, pca, rows);
      fs.delete(layout.work(), true);
      // Once complete, a stop must no longer delete what it would otherwise treat as partial.
      stopping.close();
      complete = true;
      plan.target().complete(conf);
      return summary;
    } finally {
      if (!complete) {
        unfinished.discard();
        System.err.println("fruits-pipeline: the run did not finish; " + unfinished.whatIsLeft());
      }
    }
  }

  private EmbedCounts embed() throws IOException, InterruptedException, StageFailedException {
    Job job = EmbedJob.create(conf, plan.toEmbed().listing(), layout.embedWork(),
        plan.model().path(), plan.model().descriptor(), plan.model().fingerprint(),
        plan.reducers());
    plan.mode().addPreviousRows(job);
    runJob("embed", job, plan.toEmbed().files());
    Counters counters = job.getCounters();
    times.task(counters, "decode", EmbedMapper.Timings.DECODE_MS);
    times.task(counters, "inference", EmbedMapper.Timings.INFERENCE_MS);
    times.task(counters, "write-embeddings", EmbedMapper.Timings.WRITE_MS);
    times.task(counters, "pca-sums", EmbedMapper.Timings.PCA_SUMS_MS);
    times.task(counters, "covariance-merge", CovarianceReducer.Counters.MERGE_MS);
    EmbedCounts counts = EmbedCounts.of(job, plan);
    new EmbedRecord(plan.identity(), counts, times.stages(), times.tasks())
        .save(conf, layout.embedRecord());
    return counts;
  }

  /** The sums of every image of the output: the starting sums, less dropped rows, plus new ones. */
  private CovarianceSums mergeSums() throws IOException {
    long start = System.nanoTime();
    int dimension = plan.model().featureDimension();
    CovarianceSums sums = plan.mode().startingSums(dimension);
    CovarianceSumsFile.Merged merged =
        CovarianceSumsFile.readMerged(conf, layout.embedWork(), dimension);
    sums.subtract(merged.removed());
    sums.merge(merged.added());
    times.stage("pca-merge", start);
    return sums;
  }

  private PcaModel choosePca(CovarianceSums sums, EmbedCounts embedded) throws IOException {
    // The projection's Parquet writer gets ready on the core the eigen-decomposition leaves idle.
    FeatureWriterWarmUp.start(conf, plan.model().featureDimension());
    long start = System.nanoTime();
    PcaModel pca = plan.pca().pca(sums, plan.model().fingerprint().id(),
        embedded.note(plan.mode().reused()));
    times.stage("eigen", start);
    start = System.nanoTime();
    CovarianceSumsFile.save(conf, sums, layout.pcaSums());
    PcaModelFile.save(conf, pca, layout.pcaModel());
    times.stage("pca-save", start);
    LOG.info("PCA: k={} explains {} of the variance", pca.k(), pca.cumulativeExplainedVariance());
    return pca;
  }

  /**
   * Projects every row of the output and checks that each was written exactly once; moves the
   * images' listing into place and returns the rows the tasks sampled for the report.
   */
  private RowSample project(PcaModel pca, EmbedCounts embedded)
      throws IOException, InterruptedException, StageFailedException {
    long expected = embedded.embedded() + plan.mode().reused();
    Job job = ProjectJob.create(conf, EmbedJob.embeddings(layout.embedWork()), layout.pcaModel(),
        pca, expected, layout.features());
    runJob("project", job, 0);
    Counters counters = job.getCounters();
    times.task(counters, "projection", ProjectMapper.Timings.PROJECT_MS);
    times.task(counters, "parquet-write", ProjectMapper.Timings.PARQUET_WRITE_MS);
    long written = counters.findCounter(ProjectMapper.Counters.ROWS_WRITTEN).getValue();
    if (written != expected) {
      throw new IllegalStateException("projection wrote " + written + " rows; expected "
          + embedded.embedded() + " embedded + " + plan.mode().reused() + " reused");
    }
    OutputImages.moveInto(conf, layout.features(), ProjectMapper.IMAGES_FILE, layout.images());
    return RowSampleFiles.readAndDelete(conf, layout.features());
  }

  /** Moves the rejects into place, writes the report and then, once, the summary and _SUCCESS. */
  private RunSummary finish(EmbedCounts embedded, PcaModel pca, RowSample rows)
      throws IOException {
    FileSystem fs = layout.root().getFileSystem(conf);
    Path rejects = EmbedJob.rejects(layout.embedWork());
    if (fs.exists(rejects)) {
      fs.rename(rejects, layout.rejects());
    }
    long start = System.nanoTime();
    Map<String, Long> featureFiles = FeatureSchema.partFiles(fs, layout.features());
    Optional<KnnAccuracy.Result> quality =
        writeReport(summary(embedded, pca, featureFiles), pca, rows);
    times.stage("report", start);
    // Made again so that summary.json's stage times include the report's own.
    RunSummary summary = summary(embedded, pca, featureFiles);
    RunSummary withQuality = quality.filter(KnnAccuracy.Result::hasTestRows)
        .map(q -> summary.withNearestNeighbour(q.top1(), q.testRows()))
        .orElse(summary);
    try (OutputStream out = fs.create(layout.summary(), true)) {
      withQuality.writeJson(out);
    }
    fs.create(layout.success(), false).close();
    return withQuality;
  }

  private RunSummary summary(EmbedCounts embedded, PcaModel pca, Map<String, Long> featureFiles) {
    return new RunSummary(plan.input().toString(), plan.target().output().toString(),
        plan.model().path().toString(), plan.model().fingerprint().id(),
        plan.model().fingerprint().precision().name(), plan.pca().reused(), plan.mode().listed(),
        embedded.read(), embedded.embedded(), embedded.rejected(), embedded.rejectedByReason(),
        plan.mode().unreadable().folders().stream().map(Path::toString).toList(),
        embedded.mapTasks(), embedded.reducers(), pca.k(), pca.cumulativeExplainedVariance(),
        times.stages(), times.tasks(), plan.mode().summary(embedded.embedded()), featureFiles,
        null, null);
  }

  /**
   * Writes report.html and its charts for the finished output. The report is a view of results
   * that are already complete, so a failure to draw it (no fonts on a node, say) is logged and
   * the run still succeeds, without a quality figure.
   */
  private Optional<KnnAccuracy.Result> writeReport(RunSummary summary, PcaModel pca, RowSample rows) {
    try {
      KnnAccuracy.Result quality = new RunReport(conf).write(layout, summary, pca, rows);
      LOG.info("Report written to {} (1-NN accuracy {} on {} held-out rows)",
          layout.reportPage(), quality.top1(), quality.testRows());
      return Optional.of(quality);
    } catch (IOException | RuntimeException e) {
      LOG.warn("report.html was not written; the run's data is complete", e);
      return Optional.empty();
    }
  }

  private void runJob(String stage, Job job, long images)
      throws IOException, InterruptedException, StageFailedException {
    long start = System.nanoTime();
    try {
      interruption.submit(stage, job);
      ProgressReporter.followStage(stage, job, images);
    } finally {
      times.stage(stage, start);
    }
  }
}
