package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.embed.EmbedKeys;
import io.fruits.pipeline.image.ImageKeys;
import io.fruits.pipeline.incremental.InputChanges;
import io.fruits.pipeline.incremental.PreviousOutput;
import io.fruits.pipeline.ingest.ImageLister;
import io.fruits.pipeline.ingest.ImageListing;
import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.ingest.SplitSizing;
import io.fruits.pipeline.ingest.UnreadableFolders;
import io.fruits.pipeline.output.OutputLayout;
import io.fruits.pipeline.pca.ComponentSelection;
import io.fruits.pipeline.pca.PcaKeys;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a run's {@link RunPlan}: checks every argument and setting, the model and any PCA or
 * previous output to reuse, so a mistake is one line before anything is written; then creates
 * the output folder and lists the input once into the listing the embed job reads (comparing it
 * with the previous output in an incremental run).
 */
final class RunPlanner {

  private static final Logger LOG = LoggerFactory.getLogger(RunPlanner.class);

  /** Glob pattern characters, and the separators of path lists in a job configuration. */
  private static final String GLOB_AND_LIST_CHARACTERS = "[]{}*?,;";
  private static final String LIST_CHARACTERS = ",";

  private final Configuration conf;
  private final RunArguments args;

  RunPlanner(Configuration conf, RunArguments args) {
    this.conf = conf;
    this.args = args;
  }

  /** The plan, with the output folder created; nothing is left behind when planning fails. */
  RunPlan plan() throws IOException {
    checkTaskSettings();
    ComponentSelection selection = PcaKeys.selection(conf);
    CheckedModel model = ModelCheck.validate(conf, args.model());
    PcaChoice.checkCount(selection, model.featureDimension(), "the feature dimension");
    PcaChoice pca = args.pcaModel() == null
        ? new PcaChoice.Fit(selection) : new PcaChoice.Reuse(loadReusablePca(model));
    checkOutputApart();
    checkCharacters();
    Optional<PreviousOutput> previous = args.previous() == null
        ? Optional.empty() : Optional.of(openPrevious(model));
    checkInput();
    RunIdentity identity = RunIdentity.of(conf, qualified(args.input()).toString(),
        previous.map(p -> p.root().toString()).orElse(""), model.fingerprint().id());
    Planned planned = args.resume() ? resume(identity, previous) : start(previous);
    return new RunPlan(args.input(), planned.target(), model, pca, identity, planned.embedding(),
        planned.toEmbed(), planned.mode(), reducers(planned.toEmbed()));
  }

  /** The parts of a plan that differ between a new run and a resumed one. */
  private record Planned(OutputTarget target, Embedding embedding, RunPlan.ImagesToEmbed toEmbed,
      RunMode mode) {}

  /** A new run: creates its folder and lists the input into it. */
  private Planned start(Optional<PreviousOutput> previous) throws IOException {
    OutputTarget target = prepareOutput();
    OutputLayout layout = target.layout();
    try {
      Listed listed = list(previous, layout);
      return new Planned(target, new Embedding.ToRun(), listed.toEmbed(), listed.mode());
    } catch (IOException | RuntimeException e) {
      new UnfinishedRun(conf, layout).discard();
      throw e;
    }
  }

  /**
   * Goes on from an interrupted run's committed embeddings, once its identity is this run's and a
   * new listing of the input names the same files (path, length, modification time) as the one
   * it embedded. Whatever else the interrupted
   * run left (a killed projection's files) is removed; its embeddings stay whatever happens here.
   */
  private Planned resume(RunIdentity identity, Optional<PreviousOutput> previous)
      throws IOException {
    OutputTarget target = resumedOutput();
    OutputLayout layout = target.layout();
    EmbedRecord record = EmbedRecord.load(conf, layout.embedRecord());
    identity.requireSameAs(record.identity());
    OutputLayout relisting = layout.relisting();
    FileSystem fs = layout.root().getFileSystem(conf);
    try {
      Listed now = list(previous, relisting);
      if (!sameListing(relisting.toEmbedListing(), layout.toEmbedListing())
          || previous.isPresent()
              && !sameListing(relisting.droppedListing(), layout.droppedListing())) {
        throw new InvalidConfigException("--resume: the input changed since the interrupted run ("
            + record.counts().read() + " images to embed then, " + now.toEmbed().files()
            + " now); its embeddings do not fit this input. Run again with --overwrite instead");
      }
      RunPlan.ImagesToEmbed toEmbed = new RunPlan.ImagesToEmbed(layout.toEmbedListing(),
          now.toEmbed().files(), now.toEmbed().bytes());
      UnfinishedRun leftOver = new UnfinishedRun(conf, layout);
      leftOver.embeddingsCommitted();
      leftOver.discard();
      LOG.info("Resuming the run in {} from its committed embeddings", layout.root());
      return new Planned(target, new Embedding.Committed(record), toEmbed,
          now.mode().withListingsOf(layout));
    } finally {
      fs.delete(relisting.root(), true);
    }
  }

  private boolean sameListing(Path a, Path b) throws IOException {
    return ImageListing.digest(conf, a).equals(ImageListing.digest(conf, b));
  }

  /** A listing the planner wrote, and what it found. */
  private record Listed(RunPlan.ImagesToEmbed toEmbed, RunMode mode) {}

  /** Lists the input into {@code layout}'s listings, comparing it with any previous output. */
  private Listed list(Optional<PreviousOutput> previous, OutputLayout layout)
      throws IOException {
    ImageListing.Writer listing = ImageListing.create(conf, layout.toEmbedListing());
    RunMode mode;
    try (listing) {
      mode = previous.isPresent()
          ? compareWithPrevious(previous.get(), listing, layout) : listInput(listing);
    }
    return new Listed(
        new RunPlan.ImagesToEmbed(layout.toEmbedListing(), listing.files(), listing.bytes()), mode);
  }

  private RunMode listInput(ImageListing.Writer listing) throws IOException {
    UnreadableFolders unreadable = new ImageLister(conf).walk(args.input(), image -> {
      listing.add(image);
      return true;
    });
    requireImages(listing.files());
    return new RunMode.Full(listing.files(), unreadable);
  }

  /** Lists the input, keeping only new and changed images to embed. */
  private RunMode compareWithPrevious(PreviousOutput previous, ImageListing.Writer listing,
      OutputLayout layout) throws IOException {
    InputChanges changes;
    try (ImageListing.Writer dropped = ImageListing.create(conf, layout.droppedListing())) {
      changes = InputChanges.compare(conf, args.input(), previous.imagesFolder(), listing, dropped);
    }
    previous.checkImageCount(changes.previousImages());
    requireImages(changes.listed());
    LOG.info("Incremental: {} images listed, {} reused, {} to embed, {} previous rows dropped",
        changes.listed(), changes.reused(), listing.files(), changes.dropped());
    return new RunMode.Incremental(previous, changes, layout.droppedListing());
  }

  /**
   * The reducer count for the splits the listing will make: one per 64 map tasks unless set.
   * Splits follow bytes and work, so their number is known from the listing's totals.
   */
  private int reducers(RunPlan.ImagesToEmbed toEmbed) {
    long maps = SplitSizing.expectedSplits(conf, toEmbed.totals());
    return PcaKeys.reducersFor(conf, maps);
  }

  /**
   * Refuses an output folder that is, contains or lies inside anything the run reads: a run may
   * delete its output folder (--overwrite, or when it fails), and must never delete its input.
   */
  private void checkOutputApart() throws IOException {
    Path output = qualified(args.output());
    String[] names = {"--input", "--model", "--pca-model", "--previous"};
    Path[] read = {args.input(), args.model(), args.pcaModel(), args.previous()};
    for (int i = 0; i < read.length; i++) {
      if (read[i] == null) {
        continue;
      }
      Path other = qualified(read[i]);
      if (PathOverlap.between(other, output)) {
        throw new InvalidConfigException("--output " + output + " and " + names[i] + " "
            + other + " overlap; the output must be a folder of its own, apart from what the"
            + " run reads, because a run may delete it");
      }
    }
  }

  /**
   * Refuses characters that Hadoop gives a meaning in the places a path ends up: job inputs under
   * the output and previous output are read as glob patterns, and the job configuration keeps
   * input and distributed-cache paths in comma- and semicolon-separated lists. Everything else
   * (spaces, #, %, unicode) works, so a run never fails for a name after the embedding job.
   */
  private void checkCharacters() {
    refuse("--output", args.output(), GLOB_AND_LIST_CHARACTERS);
    refuse("--previous", args.previous(), GLOB_AND_LIST_CHARACTERS);
    refuse("--model", args.model(), LIST_CHARACTERS);
  }

  private static void refuse(String option, Path path, String characters) {
    if (path == null) {
      return;
    }
    String name = path.toString();
    for (char c : characters.toCharArray()) {
      if (name.indexOf(c) >= 0) {
        throw new InvalidConfigException(option + " " + name + " contains '" + c + "'; Hadoop"
            + " reads it as part of a pattern or a list, so " + option + " may not contain any"
            + " of " + String.join(" ", characters.split("")));
      }
    }
  }

  private PreviousOutput openPrevious(CheckedModel model) throws IOException {
    return PreviousOutput.open(conf, qualified(args.previous()), model.fingerprint().id());
  }

  private Path qualified(Path path) throws IOException {
    return path.getFileSystem(conf).makeQualified(path);
  }

  /** A saved PCA model to project with, refused when it was fitted on another model's features. */
  private PcaModel loadReusablePca(CheckedModel model) throws IOException {
    if (!args.pcaModel().getFileSystem(conf).exists(args.pcaModel())) {
      throw new InvalidConfigException("PCA model " + args.pcaModel() + " does not exist");
    }
    PcaModel pca = PcaModelFile.load(conf, args.pcaModel());
    String id = model.fingerprint().id();
    if (!pca.modelName().equals(id)) {
      throw new InvalidConfigException("PCA model " + args.pcaModel() + " was fitted on features"
          + " of " + pca.modelName() + ", not of " + id + " (" + args.model() + ")");
    }
    return pca;
  }

  /** Reads every setting the tasks read, so a malformed one stops the run here, not in a task. */
  private void checkTaskSettings() {
    atLeastOne(EmbedKeys.BATCH_SIZE, EmbedKeys.BATCH_SIZE.getInt(conf));
    atLeastOne(IngestKeys.SPLIT_SIZE, IngestKeys.SPLIT_SIZE.getLong(conf));
    atLeastOne(IngestKeys.MIN_SPLITS, IngestKeys.MIN_SPLITS.getInt(conf));
    IngestKeys.extensions(conf);
    IngestKeys.maxBytes(conf);
    IngestKeys.imageCost(conf);
    IngestKeys.listingThreads(conf);
    ImageKeys.maxPixels(conf);
    ImageKeys.decodeTimeout(conf);
    PcaKeys.reducers(conf);
  }

  private static void atLeastOne(ConfigKey key, long value) {
    if (value < 1) {
      throw new InvalidConfigException(key.key() + " must be at least 1, got " + value);
    }
  }

  private void checkInput() throws IOException {
    FileSystem fs = args.input().getFileSystem(conf);
    if (!fs.exists(args.input())) {
      throw new InvalidConfigException("input " + args.input() + " does not exist");
    }
  }

  /** Refuses an input without images, found while listing it (a separate probe is a walk more). */
  private void requireImages(long listed) {
    if (listed == 0) {
      throw new InvalidConfigException("no image files (" + IngestKeys.EXTENSIONS.get(conf)
          + ") under input " + args.input());
    }
  }

  /** A note on the committed embeddings an unfinished run in {@code layout} left, if any. */
  private String resumable(OutputLayout layout) throws IOException {
    return EmbedRecord.exists(conf, layout.embedRecord())
        ? ", with its committed embeddings: add --resume to go on from them, or" : "";
  }

  /**
   * The folder of the interrupted run --resume goes on from: the hidden replacement of
   * {@code --output} if there is one, otherwise {@code --output} itself.
   */
  private OutputTarget resumedOutput() throws IOException {
    Path output = qualified(args.output());
    FileSystem fs = output.getFileSystem(conf);
    Path staging = OutputTarget.Replacement.stagingFor(output);
    OutputTarget target = fs.exists(staging)
        ? new OutputTarget.Replacement(new OutputLayout(staging), output)
        : new OutputTarget.Fresh(new OutputLayout(args.output()));
    OutputLayout layout = target.layout();
    if (fs.exists(layout.success())) {
      throw new InvalidConfigException("--resume: " + layout.root() + " is a finished run"
          + " (_SUCCESS); there is nothing to resume");
    }
    if (!EmbedRecord.exists(conf, layout.embedRecord())) {
      throw new InvalidConfigException("--resume: " + layout.root() + " holds no committed"
          + " embeddings (" + layout.embedRecord().getName() + "): the run it continues must have"
          + " finished its embed job. Run without --resume"
          + (fs.exists(layout.root()) ? " and with --overwrite" : ""));
    }
    return target;
  }

  /**
   * Creates the folder the run writes to: {@code --output} itself, or, when --overwrite replaces
   * an existing output, a hidden sibling, so the old output stays whole until the new one is.
   */
  private OutputTarget prepareOutput() throws IOException {
    Path output = args.output();
    FileSystem fs = output.getFileSystem(conf);
    if (!fs.exists(output)) {
      fs.mkdirs(output);
      return new OutputTarget.Fresh(new OutputLayout(output));
    }
    OutputLayout existing = new OutputLayout(output);
    if (!args.overwrite()) {
      throw new InvalidConfigException("output " + output + (fs.exists(existing.success())
          ? " already exists" : " holds an unfinished run (no _SUCCESS: it failed or was stopped"
          + " before it ended)" + resumable(existing)) + "; use --overwrite to replace it");
    }
    Path staging = OutputTarget.Replacement.stagingFor(qualified(output));
    if (fs.exists(staging)) {
      OutputLayout replacement = new OutputLayout(staging);
      throw new InvalidConfigException("an earlier run's replacement of " + output + " was left"
          + " in " + staging + (fs.exists(replacement.success())
          ? " complete; move it into place, then run again"
          : " unfinished" + resumable(replacement) + "; delete it and run again"));
    }
    fs.mkdirs(staging);
    LOG.info("Writing to {}; it replaces {} once complete", staging, output);
    return new OutputTarget.Replacement(new OutputLayout(staging), qualified(output));
  }
}
