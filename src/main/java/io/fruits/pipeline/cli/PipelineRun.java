package io.fruits.pipeline.cli;

import io.fruits.pipeline.report.OutputLayout;
import io.fruits.pipeline.report.RunSummary;
import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.embed.EmbedJob;
import io.fruits.pipeline.embed.EmbedKeys;
import io.fruits.pipeline.embed.EmbedMapper;
import io.fruits.pipeline.image.ImageKeys;
import io.fruits.pipeline.incremental.InputChanges;
import io.fruits.pipeline.incremental.PreviousOutput;
import io.fruits.pipeline.ingest.ImageLister;
import io.fruits.pipeline.ingest.ImageListing;
import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.model.ModelFingerprint;
import io.fruits.pipeline.model.ModelKeys;
import io.fruits.pipeline.pca.ComponentSelection;
import io.fruits.pipeline.pca.CovarianceReducer;
import io.fruits.pipeline.pca.CovarianceSums;
import io.fruits.pipeline.pca.PcaKeys;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelStore;
import io.fruits.pipeline.project.ProjectJob;
import io.fruits.pipeline.report.KnnAccuracy;
import io.fruits.pipeline.report.RunReport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pipeline's stages one after another: embed (job 1), PCA fit in the driver, project
 * (job 2); then lays out the output folder and writes the summary. An incremental run first
 * compares the input with the previous output, embeds only new and changed images, updates the
 * previous PCA sums, and re-projects the previous rows it keeps alongside the new ones. Intermediate data lives under
 * {@code <output>/_work} and is removed whatever happens; {@code _SUCCESS} is written last.
 */
final class PipelineRun {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);

  private final Configuration conf;
  private final RunArguments args;
  private final Map<String, Double> stageSeconds = new LinkedHashMap<>();
  /** CPU-side time inside tasks, summed over all tasks (the stages above are wall-clock). */
  private final Map<String, Double> taskSeconds = new LinkedHashMap<>();

  PipelineRun(Configuration conf, RunArguments args) {
    this.conf = conf;
    this.args = args;
  }

  RunSummary execute() throws IOException, InterruptedException, StageFailedException {
    OutputLayout layout = new OutputLayout(args.output());
    ComponentSelection selection = PcaKeys.selection(conf);
    PcaKeys.reducers(conf);
    checkTaskSettings();
    checkInput();
    ModelFingerprint fingerprint = ModelCheck.validate(conf, args.model());
    int dimension = ModelKeys.descriptor(conf).featureDimension();
    checkComponentCount(selection, dimension, "the feature dimension");
    PcaModel reused = args.pcaModel() == null ? null : loadReusablePca(fingerprint);
    PreviousOutput previous = args.previous() == null ? null : openPrevious(fingerprint);
    prepareOutput(layout);
    FileSystem fs = layout.root().getFileSystem(conf);
    boolean complete = false;
    try {
      InputChanges changes = previous == null ? null : compareWithPrevious(previous, layout);
      EmbedCounts embedded = changes != null && changes.toEmbed().isEmpty()
          ? EmbedCounts.NONE : runEmbedding(layout);
      CovarianceSums sums = sumsOfAllImages(layout, embedded, previous, changes, dimension);
      PcaModelStore.saveSums(conf, sums, layout.pcaSums());
      PcaModel pca;
      if (reused == null) {
        if (sums.count() < 2) {
          throw new InvalidConfigException("PCA needs at least 2 embedded images, got "
              + sums.count() + " of " + (embedded.read() + (changes == null ? 0 : changes.reused()))
              + (embedded.rejected() > 0 ? "; rejected: " + embedded.rejectedByReason() : ""));
        }
        checkComponentCount(selection, sums.count(), "the number of embedded images");
        pca = fitPca(layout, sums, selection, fingerprint);
      } else {
        pca = reused;
        PcaModelStore.save(conf, pca, layout.pcaModel());
      }
      runProjection(layout, pca, embedded, previous, changes);
      Path rejects = EmbedJob.rejects(layout.embedWork());
      if (fs.exists(rejects)) {
        fs.rename(rejects, layout.rejects());
      }
      RunSummary summary = new RunSummary(args.input().toString(), layout.root().toString(),
          args.model().toString(), fingerprint.id(), fingerprint.precision().name(),
          args.pcaModel() != null, changes == null ? embedded.listed() : changes.listed(),
          embedded.read(), embedded.embedded(), embedded.rejected(), embedded.rejectedByReason(),
          embedded.mapTasks(), embedded.reducers(), pca.k(), pca.cumulativeExplainedVariance(),
          stageSeconds, taskSeconds, changes == null ? null : new RunSummary.Incremental(
              previous.root().toString(), changes.reused(), embedded.embedded(),
              changes.dropped().size()),
          null, null);
      writeSummary(fs, layout, summary);
      long reportStart = System.nanoTime();
      KnnAccuracy.Result quality = writeReport(layout);
      stageSeconds.put("report", seconds(reportStart));
      if (quality != null && quality.hasTestRows()) {
        summary = summary.withNearestNeighbour(quality.top1(), quality.testRows());
      }
      writeSummary(fs, layout, summary);
      fs.create(layout.success(), false).close();
      complete = true;
      return summary;
    } finally {
      // Nothing of a failed run stays behind to be mistaken for a result.
      fs.delete(complete ? layout.work() : layout.root(), true);
    }
  }

  /**
   * The previous output to update. It must lie apart from this run's output, which is deleted
   * (with --overwrite) and rewritten while the previous one is read.
   */
  private PreviousOutput openPrevious(ModelFingerprint fingerprint) throws IOException {
    Path previous = args.previous().getFileSystem(conf).makeQualified(args.previous());
    Path output = args.output().getFileSystem(conf).makeQualified(args.output());
    if (isWithin(previous, output) || isWithin(output, previous)) {
      throw new InvalidConfigException("--previous " + previous + " and --output " + output
          + " overlap; an incremental run reads the previous output while it writes a new one"
          + " in another folder");
    }
    return PreviousOutput.open(conf, previous, fingerprint.id());
  }

  /** True when {@code path} is {@code folder} or lies below it. */
  private static boolean isWithin(Path path, Path folder) {
    for (Path p = path; p != null; p = p.getParent()) {
      if (p.equals(folder)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Lists the input, compares it with the previous output, and hands the embed job only the new
   * and changed images; the re-projection learns which previous rows to drop.
   */
  private InputChanges compareWithPrevious(PreviousOutput previous, OutputLayout layout)
      throws IOException {
    long start = System.nanoTime();
    InputChanges changes = InputChanges.compare(conf, args.input(), previous.images());
    ImageListing.write(conf, layout.toEmbedListing(), changes.toEmbed());
    IngestKeys.LISTING.set(conf, layout.toEmbedListing().toString());
    ImageListing.write(conf, layout.droppedListing(), changes.droppedFiles());
    stageSeconds.put("compare", seconds(start));
    LOG.info("Incremental: {} images listed, {} reused, {} to embed, {} previous rows dropped",
        changes.listed(), changes.reused(), changes.toEmbed().size(), changes.dropped().size());
    return changes;
  }

  /**
   * The covariance sums of every image in this run's output: this run's embeddings, plus, in an
   * incremental run, the previous run's sums without the rows it drops.
   */
  private CovarianceSums sumsOfAllImages(OutputLayout layout, EmbedCounts embedded,
      PreviousOutput previous, InputChanges changes, int dimension) throws IOException {
    long start = System.nanoTime();
    CovarianceSums sums = embedded.embedded() > 0
        ? PcaModelStore.readMergedSums(conf, layout.embedWork()) : new CovarianceSums(dimension);
    if (previous != null) {
      CovarianceSums all = previous.sums();
      all.subtract(previous.sumsOf(changes.dropped(), dimension));
      all.merge(sums);
      sums = all;
    }
    stageSeconds.put("pca-merge", seconds(start));
    return sums;
  }

  /**
   * Writes report.html and its charts from the finished output. The report is a view of results
   * that are already complete, so a failure to draw it (no fonts on a node, say) is logged and
   * the run still succeeds.
   */
  private KnnAccuracy.Result writeReport(OutputLayout layout) {
    try {
      KnnAccuracy.Result quality = new RunReport(conf).write(layout.root());
      LOG.info("Report written to {} (1-NN accuracy {} on {} held-out rows)",
          layout.reportPage(), quality.top1(), quality.testRows());
      return quality;
    } catch (IOException | RuntimeException e) {
      LOG.warn("report.html was not written; the run's data is complete", e);
      return null;
    }
  }

  /**
   * The report reads summary.json, so it is written before the report and again after it, with
   * the report's accuracy and time.
   */
  private static void writeSummary(FileSystem fs, OutputLayout layout, RunSummary summary)
      throws IOException {
    try (OutputStream out = fs.create(layout.summary(), true)) {
      summary.writeJson(out);
    }
  }

  /** Reads every setting the tasks read, so a malformed one stops the run here, not in a task. */
  private void checkTaskSettings() {
    atLeastOne(EmbedKeys.BATCH_SIZE, EmbedKeys.BATCH_SIZE.getInt(conf));
    atLeastOne(IngestKeys.SPLIT_SIZE, IngestKeys.SPLIT_SIZE.getLong(conf));
    atLeastOne(IngestKeys.MIN_SPLITS, IngestKeys.MIN_SPLITS.getInt(conf));
    IngestKeys.extensions(conf);
    ImageKeys.maxPixels(conf);
    EmbedKeys.FAIL_FIRST_ATTEMPT.getBoolean(conf);
  }

  private static void atLeastOne(ConfigKey key, long value) {
    if (value < 1) {
      throw new InvalidConfigException(key.key() + " must be at least 1, got " + value);
    }
  }

  private static void checkComponentCount(ComponentSelection selection, long limit, String what) {
    if (selection instanceof ComponentSelection.Count count && count.k() > limit) {
      throw new InvalidConfigException("cannot keep " + count.k() + " principal components ("
          + PcaKeys.K.key() + "): more than " + what + ", " + limit);
    }
  }

  private void checkInput() throws IOException {
    FileSystem fs = args.input().getFileSystem(conf);
    if (!fs.exists(args.input())) {
      throw new InvalidConfigException("input " + args.input() + " does not exist");
    }
    if (!new ImageLister(conf).containsImage(args.input())) {
      throw new InvalidConfigException("no image files (" + IngestKeys.EXTENSIONS.get(conf)
          + ") under input " + args.input());
    }
  }

  private void prepareOutput(OutputLayout layout) throws IOException {
    FileSystem fs = layout.root().getFileSystem(conf);
    if (fs.exists(layout.root())) {
      if (!args.overwrite()) {
        throw new InvalidConfigException(
            "output " + layout.root() + " already exists (use --overwrite to replace it)");
      }
      LOG.info("Deleting existing output {}", layout.root());
      fs.delete(layout.root(), true);
    }
    fs.mkdirs(layout.root());
  }

  private EmbedCounts runEmbedding(OutputLayout layout)
      throws IOException, InterruptedException, StageFailedException {
    Job job = EmbedJob.create(conf, args.input(), layout.embedWork(), args.model());
    runJob("embed", job);
    Counters counters = job.getCounters();
    recordTaskSeconds(counters, "decode", EmbedMapper.Timings.DECODE_MS);
    recordTaskSeconds(counters, "inference", EmbedMapper.Timings.INFERENCE_MS);
    recordTaskSeconds(counters, "write-embeddings", EmbedMapper.Timings.WRITE_MS);
    recordTaskSeconds(counters, "pca-sums", EmbedMapper.Timings.PCA_SUMS_MS);
    recordTaskSeconds(counters, "covariance-merge", CovarianceReducer.Counters.MERGE_MS);
    return EmbedCounts.of(job);
  }

  /** A saved PCA model to project with, refused when it was fitted on another model's features. */
  private PcaModel loadReusablePca(ModelFingerprint fingerprint) throws IOException {
    if (!args.pcaModel().getFileSystem(conf).exists(args.pcaModel())) {
      throw new InvalidConfigException("PCA model " + args.pcaModel() + " does not exist");
    }
    PcaModel pca = PcaModelStore.load(conf, args.pcaModel());
    if (!pca.modelName().equals(fingerprint.id())) {
      throw new InvalidConfigException("PCA model " + args.pcaModel() + " was fitted on features of "
          + pca.modelName() + ", not of " + fingerprint.id() + " (" + args.model() + ")");
    }
    return pca;
  }

  private PcaModel fitPca(OutputLayout layout, CovarianceSums sums, ComponentSelection selection,
      ModelFingerprint fingerprint) throws IOException {
    long start = System.nanoTime();
    PcaModel pca = PcaModel.fit(sums, selection, fingerprint.id());
    stageSeconds.put("eigen", seconds(start));
    start = System.nanoTime();
    PcaModelStore.save(conf, pca, layout.pcaModel());
    stageSeconds.put("pca-save", seconds(start));
    LOG.info("PCA: k={} explains {} of the variance", pca.k(), pca.cumulativeExplainedVariance());
    return pca;
  }

  /**
   * Projects this run's embeddings and, in an incremental run, re-projects the previous rows it
   * keeps; checks that every image of the output was written exactly once.
   */
  private void runProjection(OutputLayout layout, PcaModel pca, EmbedCounts embedded,
      PreviousOutput previous, InputChanges changes)
      throws IOException, InterruptedException, StageFailedException {
    Path embeddings = previous != null && embedded.embedded() == 0
        ? null : EmbedJob.embeddings(layout.embedWork());
    Job job = ProjectJob.create(conf, embeddings, layout.pcaModel(), pca, layout.features());
    if (previous != null) {
      ProjectJob.addPreviousRows(job, previous.features(), layout.droppedListing());
    }
    runJob("project", job);
    Counters counters = job.getCounters();
    recordTaskSeconds(counters, "projection", ProjectJob.Timings.PROJECT_MS);
    recordTaskSeconds(counters, "parquet-write", ProjectJob.Timings.PARQUET_WRITE_MS);
    long written = counters.findCounter(ProjectJob.Counters.ROWS_WRITTEN).getValue();
    long reusedRows = counters.findCounter(ProjectJob.Counters.ROWS_REUSED).getValue();
    long droppedRows = counters.findCounter(ProjectJob.Counters.ROWS_DROPPED).getValue();
    long expectedReused = changes == null ? 0 : changes.reused();
    long expectedDropped = changes == null ? 0 : changes.dropped().size();
    if (written != embedded.embedded() + expectedReused || reusedRows != expectedReused
        || droppedRows != expectedDropped) {
      throw new IllegalStateException("projection counts disagree: " + written + " rows written, "
          + reusedRows + " reused and " + droppedRows + " dropped; expected "
          + embedded.embedded() + " embedded + " + expectedReused + " reused, "
          + expectedDropped + " dropped");
    }
  }

  private void recordTaskSeconds(Counters counters, String step, Enum<?> millis) {
    taskSeconds.put(step, counters.findCounter(millis).getValue() / 1000.0);
  }

  private void runJob(String stage, Job job)
      throws IOException, InterruptedException, StageFailedException {
    long start = System.nanoTime();
    boolean ok;
    try {
      ok = new ProgressReporter(System.err, System.console() != null).run(stage, job);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the job's classes are missing from its jar", e);
    }
    stageSeconds.put(stage, seconds(start));
    if (!ok) {
      String info = job.getStatus().getFailureInfo();
      throw new StageFailedException(stage, "job " + job.getJobID() + " " + job.getJobState()
          + (info == null || info.equals("NA") ? "" : ": " + info)
          + " (task logs: " + job.getTrackingURL() + ")");
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
