package io.fruits.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fruits.pipeline.classify.AccuracyPage;
import io.fruits.pipeline.classify.ClassifierDescriptor;
import io.fruits.pipeline.classify.ClassifyJob;
import io.fruits.pipeline.classify.ClassifyMapper;
import io.fruits.pipeline.classify.Confusion;
import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.embed.EmbedMapper;
import io.fruits.pipeline.image.RejectReason;
import io.fruits.pipeline.ingest.ImageLister;
import io.fruits.pipeline.ingest.ImageListing;
import io.fruits.pipeline.model.FeatureExtractor;
import io.fruits.pipeline.model.ModelDescriptorJson;
import io.fruits.pipeline.model.ModelFingerprint;
import io.fruits.pipeline.model.ModelKeys;
import io.fruits.pipeline.model.ModelMismatchException;
import io.fruits.pipeline.model.ModelNotFoundException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;

/**
 * Carries out {@code classify}: checks the classifier against its descriptor, lists the input,
 * runs the classify job, moves predictions and rejects into the output folder and writes the
 * report. A failure leaves no output folder behind; {@code _SUCCESS} is written last.
 */
final class ImageClassifier {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Configuration conf;
  private final Path model;
  private final Path input;
  private final Path output;
  private final boolean overwrite;

  ImageClassifier(Configuration conf, Path model, Path input, Path output, boolean overwrite) {
    this.conf = conf;
    this.model = model;
    this.input = input;
    this.output = output;
    this.overwrite = overwrite;
  }

  /** What classify did. */
  record Result(Path output, long read, long classified, long rejected, Confusion labelled,
      double seconds) {

    String toText() {
      String accuracy = labelled.total() == 0
          ? "no image is in a folder named after a label, so no accuracy"
          : String.format(Locale.ROOT, "accuracy %.4f on %d images in label folders",
              labelled.accuracy(), labelled.total());
      return String.format(Locale.ROOT, "classified %d of %d images (%d rejected) in %.1f s;"
          + " %s%nwritten to %s%n", classified, read, rejected, seconds, accuracy, output);
    }
  }

  Result classify() throws IOException, InterruptedException, StageFailedException {
    long start = System.nanoTime();
    ClassifierDescriptor classifier = checkedClassifier();
    FileSystem fs = output.getFileSystem(conf);
    checkInputAndOutput(fs);
    Path work = new Path(output, "_work");
    Path listing = new Path(work, "to-classify.listing");
    ListingAtFirstImage images = new ListingAtFirstImage(fs, listing);
    boolean complete = false;
    try {
      try (images) {
        new ImageLister(conf).walk(input, images);
      }
      long listed = images.files();
      if (listed == 0) {
        throw new InvalidConfigException("no image files under input " + input);
      }
      Path jobOutput = new Path(work, "classify");
      Job job = ClassifyJob.create(conf, listing, jobOutput, model, classifier);
      ProgressReporter.runStage("classify", job, listed);
      Counters counters = job.getCounters();
      long read = counters.findCounter(EmbedMapper.Counters.IMAGES_READ).getValue();
      long classified = counters.findCounter(EmbedMapper.Counters.IMAGES_EMBEDDED).getValue();
      long rejected = counters.findCounter(EmbedMapper.Counters.IMAGES_REJECTED).getValue();
      if (read != listed || read != classified + rejected) {
        throw new IllegalStateException("counts disagree: " + listed + " listed, " + read
            + " read, " + classified + " classified + " + rejected + " rejected");
      }
      Confusion all = ClassifyJob.confusion(conf, jobOutput);
      moveIfPresent(fs, new Path(jobOutput, ClassifyMapper.PREDICTIONS), new Path(output, "predictions"));
      moveIfPresent(fs, new Path(jobOutput, EmbedMapper.REJECTS), new Path(output, "rejects"));
      fs.delete(work, true);
      Result result = new Result(output, read, classified, rejected,
          all.restrictedTo(classifier.labels()), (System.nanoTime() - start) / 1e9);
      writeReport(fs, result, counters);
      fs.create(new Path(output, "_SUCCESS"), false).close();
      complete = true;
      return result;
    } finally {
      if (!complete && images.started()) {
        fs.delete(output, true);
      }
    }
  }

  /**
   * The listing of the input, begun at its first image: only then does an existing output
   * (--overwrite) go, so an input without images is refused with the output as it was, and the
   * input is walked once.
   */
  private final class ListingAtFirstImage implements ImageLister.Visitor, Closeable {

    private final FileSystem fs;
    private final Path file;
    private ImageListing.Writer writer;

    ListingAtFirstImage(FileSystem fs, Path file) {
      this.fs = fs;
      this.file = file;
    }

    @Override
    public boolean visit(FileStatus image) throws IOException {
      if (writer == null) {
        if (fs.exists(output)) {
          fs.delete(output, true);
        }
        writer = ImageListing.create(conf, file);
      }
      writer.add(image);
      return true;
    }

    /** Whether the output folder is this run's: the old one is gone, the listing begun. */
    boolean started() {
      return writer != null;
    }

    long files() {
      return writer == null ? 0 : writer.files();
    }

    @Override
    public void close() throws IOException {
      if (writer != null) {
        writer.close();
      }
    }
  }

  /** The descriptor beside the model, checked against the model file's bytes and ONNX Runtime. */
  private ClassifierDescriptor checkedClassifier() throws IOException {
    FileSystem fs = model.getFileSystem(conf);
    Path json = new Path(model.getParent(), ModelDescriptorJson.sidecarName(model.getName()));
    if (!fs.exists(model)) {
      throw new ModelNotFoundException("model " + model + " does not exist");
    }
    if (!fs.exists(json)) {
      throw new ModelMismatchException("model " + model + " has no " + json.getName()
          + " beside it; classify takes the classifier.onnx that train wrote, with its descriptor");
    }
    ClassifierDescriptor classifier;
    try (InputStream in = fs.open(json)) {
      classifier = ClassifierDescriptor.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), json.toString());
    }
    byte[] bytes;
    try (InputStream in = fs.open(model)) {
      bytes = in.readAllBytes();
    }
    if (!ModelFingerprint.sha256(bytes).equals(classifier.sha256())) {
      throw new ModelMismatchException("model " + model + " is not the file " + json.getName()
          + " describes (sha256 differs); export it again with train");
    }
    java.nio.file.Path local = Files.createTempFile("fruits-classifier-", ".onnx");
    try {
      Files.write(local, bytes);
      try (FeatureExtractor opened =
          FeatureExtractor.open(local, classifier.descriptor(), ModelKeys.settings(conf))) {
        // Opening checks the input and the probabilities output against the descriptor.
      }
    } finally {
      Files.deleteIfExists(local);
    }
    return classifier;
  }

  private void checkInputAndOutput(FileSystem fs) throws IOException {
    if (!input.getFileSystem(conf).exists(input)) {
      throw new InvalidConfigException("input " + input + " does not exist");
    }
    Path out = qualified(output);
    String[] names = {"--input", "--model"};
    Path[] read = {input, model};
    for (int i = 0; i < read.length; i++) {
      if (PathOverlap.between(qualified(read[i]), out)) {
        throw new InvalidConfigException("--output " + output + " and " + names[i] + " "
            + read[i] + " overlap; the output must be a folder of its own, apart from what"
            + " classify reads, because --overwrite deletes it");
      }
    }
    if (fs.exists(output) && !overwrite) {
      throw new InvalidConfigException("output " + output + " already exists; use --overwrite"
          + " to replace it");
    }
  }

  private Path qualified(Path path) throws IOException {
    return path.getFileSystem(conf).makeQualified(path);
  }

  private static void moveIfPresent(FileSystem fs, Path from, Path to) throws IOException {
    if (fs.exists(from) && !fs.rename(from, to)) {
      throw new IOException("could not move " + from + " to " + to);
    }
  }

  private void writeReport(FileSystem fs, Result result, Counters counters) throws IOException {
    ObjectNode report = JSON.createObjectNode();
    report.put("model", model.toString());
    report.put("input", input.toString());
    report.put("images_read", result.read());
    report.put("images_classified", result.classified());
    report.put("images_rejected", result.rejected());
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (RejectReason reason : RejectReason.values()) {
      long count = counters.findCounter(reason).getValue();
      if (count > 0) {
        byReason.put(reason.name(), count);
      }
    }
    report.set("rejected_by_reason", JSON.valueToTree(byReason));
    report.put("seconds", result.seconds());
    report.set("labelled", result.labelled().figures());
    try (OutputStream out = fs.create(new Path(output, "report.json"), false)) {
      JSON.writeValue(out, report);
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("model", model.toString());
    facts.put("input", input.toString());
    facts.put("images read", Long.toString(result.read()));
    facts.put("images classified", Long.toString(result.classified()));
    facts.put("images rejected", Long.toString(result.rejected()));
    byReason.forEach((reason, n) -> facts.put("rejected " + reason, Long.toString(n)));
    facts.put("images in label folders (accuracy below)", Long.toString(result.labelled().total()));
    try (OutputStream out = fs.create(new Path(output, "report.html"), false)) {
      out.write(AccuracyPage.render("Classify report", facts, result.labelled())
          .getBytes(StandardCharsets.UTF_8));
    }
  }
}
