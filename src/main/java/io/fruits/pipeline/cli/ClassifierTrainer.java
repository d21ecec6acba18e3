package io.fruits.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fruits.pipeline.classify.AccuracyPage;
import io.fruits.pipeline.classify.ClassifierDescriptor;
import io.fruits.pipeline.classify.ClassifierExport;
import io.fruits.pipeline.classify.ClassifierLayout;
import io.fruits.pipeline.classify.ClassifyKeys;
import io.fruits.pipeline.classify.Confusion;
import io.fruits.pipeline.classify.SampleMapper;
import io.fruits.pipeline.classify.TrainJob;
import io.fruits.pipeline.classify.TrainReducer;
import io.fruits.pipeline.classify.TrainedFiles;
import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.model.ModelFingerprint;
import io.fruits.pipeline.model.onnx.OnnxModel;
import io.fruits.pipeline.output.OutputLayout;
import io.fruits.pipeline.output.RunSummary;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;

/**
 * Trains the classifier of a finished run and exports it: checks the run and its model, runs the
 * training job over the run's features, writes the combined ONNX model, its labels and
 * descriptor, and the held-out report into {@code <run>/classifier}. A failure leaves no
 * classifier folder behind.
 */
final class ClassifierTrainer {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Configuration conf;
  private final OutputLayout run;
  private final ClassifierLayout layout;
  private final boolean overwrite;

  ClassifierTrainer(Configuration conf, Path runOutput, boolean overwrite) {
    this.conf = conf;
    this.run = new OutputLayout(runOutput);
    this.layout = ClassifierLayout.of(runOutput);
    this.overwrite = overwrite;
  }

  /** What training did, for the command's output. */
  record Result(ClassifierLayout layout, int labels, long trained, Confusion heldOut,
      double seconds) {

    String toText() {
      return String.format(Locale.ROOT, "classifier: %d labels, trained on %d rows in %.1f s;"
          + " held-out accuracy %.4f on %d rows%nwritten to %s%n", labels, trained, seconds,
          heldOut.accuracy(), heldOut.total(), layout.root());
    }
  }

  Result train() throws IOException, InterruptedException, StageFailedException {
    long start = System.nanoTime();
    RunSummary summary = finishedRun();
    CheckedModel model = ModelCheck.validate(conf, new Path(summary.model()));
    if (!model.fingerprint().id().equals(summary.modelId())) {
      throw new InvalidConfigException("model " + summary.model() + " is now "
          + model.fingerprint().id() + ", but the run embedded with " + summary.modelId()
          + "; the classifier must take the features the run's PCA was fitted on");
    }
    PcaModel pca = PcaModelFile.load(conf, run.pcaModel());
    FileSystem fs = layout.root().getFileSystem(conf);
    if (fs.exists(layout.root())) {
      if (!overwrite) {
        throw new InvalidConfigException(layout.root() + " exists; add --overwrite to replace it");
      }
      fs.delete(layout.root(), true);
    }
    boolean complete = false;
    try {
      Job job = TrainJob.create(conf, run.features(), layout.work());
      ProgressReporter.runStage("train", job, 0);
      Counters counters = job.getCounters();
      long labels = counters.findCounter(TrainReducer.Counters.LABELS).getValue();
      if (labels < 2) {
        throw new InvalidConfigException("the run's features have " + labels + " label(s);"
            + " a classifier needs images in at least 2 label folders");
      }
      TrainedFiles.Trained trained = TrainedFiles.read(conf, layout.work());
      ClassifierDescriptor descriptor = ClassifierExport.write(conf, layout, readModel(model),
          model.descriptor(), model.fingerprint().id(), pca, trained.classifier(),
          provenance(model, pca, counters));
      fs.rename(new Path(layout.work(), layout.liblinearModel().getName()), layout.liblinearModel());
      fs.delete(layout.work(), true);
      long trainedRows = counters.findCounter(TrainReducer.Counters.ROWS_TRAINED).getValue();
      Result result = new Result(layout, descriptor.labels().size(), trainedRows,
          trained.heldOut(), (System.nanoTime() - start) / 1e9);
      writeReport(result, counters);
      addToRunReport(result.heldOut());
      complete = true;
      return result;
    } finally {
      if (!complete) {
        fs.delete(layout.root(), true);
      }
    }
  }

  /** The summary of the run, which must have finished. */
  private RunSummary finishedRun() throws IOException {
    FileSystem fs = run.root().getFileSystem(conf);
    if (!fs.exists(run.success()) || !fs.exists(run.summary())) {
      throw new InvalidConfigException(run.root() + " is not the output of a finished run"
          + " (no " + run.success().getName() + " or " + run.summary().getName() + ")");
    }
    try (InputStream in = fs.open(run.summary())) {
      return RunSummary.readJson(in);
    }
  }

  private OnnxModel readModel(CheckedModel model) throws IOException {
    try (InputStream in = model.path().getFileSystem(conf).open(model.path())) {
      return OnnxModel.parse(in.readAllBytes(), model.path().toString());
    }
  }

  private ObjectNode provenance(CheckedModel model, PcaModel pca, Counters counters)
      throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.putObject("embedding_model").put("id", model.fingerprint().id())
        .put("file", model.path().toString()).put("sha256", model.fingerprint().sha256())
        .put("precision", model.fingerprint().precision().name());
    try (InputStream in = run.pcaModel().getFileSystem(conf).open(run.pcaModel())) {
      node.putObject("pca").put("k", pca.k()).put("dimension", pca.dimension())
          .put("explained_variance", pca.cumulativeExplainedVariance())
          .put("file_sha256", ModelFingerprint.sha256(in.readAllBytes()));
    }
    node.putObject("training").put("run", run.root().toString())
        .put("solver", "LIBLINEAR 2.44 L2R_LR (one-vs-rest logistic regression)")
        .put("cost", ClassifyKeys.cost(conf))
        .put("seed", ClassifyKeys.SEED.getLong(conf))
        .put("per_class", ClassifyKeys.perClass(conf))
        .put("held_out_share", ClassifyKeys.heldOut(conf))
        .put("rows_read", counters.findCounter(SampleMapper.Counters.ROWS_READ).getValue())
        .put("rows_trained", counters.findCounter(TrainReducer.Counters.ROWS_TRAINED).getValue());
    return node;
  }

  /**
   * Adds the held-out figures to the run's report.html, replacing those of an earlier training;
   * a run whose report was not drawn keeps none.
   */
  private void addToRunReport(Confusion heldOut) throws IOException {
    FileSystem fs = run.reportPage().getFileSystem(conf);
    if (!fs.exists(run.reportPage())) {
      return;
    }
    String page;
    try (InputStream in = fs.open(run.reportPage())) {
      page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String updated = AccuracyPage.withSection(page, "Classifier: held-out accuracy ("
        + layout.root().getName() + "/, seed " + ClassifyKeys.SEED.getLong(conf) + ")", heldOut);
    try (OutputStream out = fs.create(run.reportPage(), true)) {
      out.write(updated.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void writeReport(Result result, Counters counters) throws IOException {
    ObjectNode report = JSON.createObjectNode();
    report.put("labels", result.labels());
    report.put("rows_read", counters.findCounter(SampleMapper.Counters.ROWS_READ).getValue());
    report.put("rows_trained", result.trained());
    report.put("seconds", result.seconds());
    report.put("liblinear_seconds",
        counters.findCounter(TrainReducer.Counters.TRAIN_MS).getValue() / 1000.0);
    report.set("held_out", result.heldOut().figures());
    FileSystem fs = layout.root().getFileSystem(conf);
    try (OutputStream out = fs.create(layout.report(), false)) {
      JSON.writeValue(out, report);
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("run", run.root().toString());
    facts.put("labels", Integer.toString(result.labels()));
    facts.put("rows read", Long.toString(report.get("rows_read").asLong()));
    facts.put("rows trained", Long.toString(result.trained()));
    facts.put("rows held out (seeded, stratified)", Long.toString(result.heldOut().total()));
    facts.put("seed", Long.toString(ClassifyKeys.SEED.getLong(conf)));
    try (OutputStream out = fs.create(layout.reportPage(), false)) {
      out.write(AccuracyPage.render("Classifier: held-out accuracy", facts, result.heldOut())
          .getBytes(StandardCharsets.UTF_8));
    }
  }
}
