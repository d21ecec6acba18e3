package io.fruits.pipeline.cli;

import io.fruits.pipeline.output.OutputLayout;
import io.fruits.pipeline.output.RunSummary;
import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.embed.EmbedKeys;
import io.fruits.pipeline.ingest.ImageLister;
import io.fruits.pipeline.model.ModelDescriptorJson;
import io.fruits.pipeline.model.ModelKeys;
import io.fruits.pipeline.model.SessionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * The {@code bench} command: in one JVM, measures the ONNX Runtime ceiling (inference alone on
 * pre-decoded tensors, with the pipeline's threads and batch size) before and after running the
 * whole pipeline with the local runner on the same images, and prints images/s, their ratio,
 * per-stage times and peak memory, for the float model and optionally the int8 one; then times
 * {@code train} on the float run's output and {@code classify} of a labelled folder; finally times
 * an incremental run that adds 1 % new images to the float run's output. With {@code --photos},
 * the phone-photo benchmark instead ({@link PhotoBench}).
 */
public class BenchTool extends Configured implements Tool {

  /** The share of new images in the timed incremental update. */
  private static final double UPDATE_FRACTION = 0.01;

  static final Options OPTIONS = new Options()
      .addOption(LongOptions.valued("input", "DIR", "local folder of images (required without --photos)"))
      .addOption(LongOptions.valued("photos", "DIR", "phone-photo mode instead: time decode and resize"
          + " per photo, the ceiling of reduced-size decode + inference, and the embed stage on the"
          + " photos of DIR (fp32)"))
      .addOption(LongOptions.valued("model", "FILE", "float ONNX model (required)"))
      .addOption(LongOptions.valued("int8-model", "FILE", "int8 ONNX model, benchmarked side by side"))
      .addOption(LongOptions.valued("test", "DIR", "labelled folder the classifier trained on the fp32"
          + " run classifies, timed with its accuracy (default: the input)"))
      .addOption(LongOptions.valued("repeat", "N", "use the folder N times over, for a larger run (default 1)"))
      .addOption(LongOptions.valued("seconds", "S", "how long to measure the ceiling (default 20)"))
      .addOption(LongOptions.valued("work", "DIR", "scratch folder (default: a temporary folder, deleted)"));

  @Override
  public int run(String[] args) throws Exception {
    CommandLine line;
    try {
      line = new DefaultParser().parse(OPTIONS, args);
      if (!(line.hasOption("input") || line.hasOption("photos")) || !line.hasOption("model")) {
        throw new ParseException("--model and either --input or --photos are required");
      }
    } catch (ParseException e) {
      System.err.println("fruits-pipeline bench: " + e.getMessage());
      return 2;
    }
    Configuration conf = getConf();
    LocalRunnerDefaults.apply(conf);
    boolean temporary = !line.hasOption("work");
    Path work = temporary ? Files.createTempDirectory("fruits-bench-") : Paths.get(line.getOptionValue("work"));
    try {
      int repeat = Integer.parseInt(line.getOptionValue("repeat", "1"));
      double seconds = Double.parseDouble(line.getOptionValue("seconds", "20"));
      if (line.hasOption("photos")) {
        PhotoBench.run(conf, Paths.get(line.getOptionValue("photos")), repeat,
            Paths.get(line.getOptionValue("model")), seconds, work);
        return 0;
      }
      Path source = Paths.get(line.getOptionValue("input"));
      Path input = Replicas.of(source, repeat, work.resolve("input"));
      Map<String, Path> models = new LinkedHashMap<>();
      models.put("fp32", Paths.get(line.getOptionValue("model")));
      if (line.hasOption("int8-model")) {
        models.put("int8", Paths.get(line.getOptionValue("int8-model")));
      }
      Path test = Paths.get(line.getOptionValue("test", source.toString()));
      bench(conf, source, input, repeat, models, seconds, work, test);
      return 0;
    } catch (NumberFormatException | InvalidConfigException e) {
      System.err.println("fruits-pipeline bench: " + e.getMessage());
      return 2;
    } finally {
      if (temporary) {
        org.apache.hadoop.fs.FileUtil.fullyDelete(work.toFile());
      }
    }
  }

  private void bench(Configuration conf, Path source, Path input, int repeat,
      Map<String, Path> models, double seconds, Path work, Path test) throws Exception {
    Map<String, Double> fullRuns = new LinkedHashMap<>();
    Map<String, RunSummary> summaries = new LinkedHashMap<>();
    int callers = conf.getInt(LocalRunnerDefaults.LOCAL_MAX_MAPS, 1);
    SessionSettings settings = ModelKeys.settings(conf);
    int batchSize = EmbedKeys.BATCH_SIZE.getInt(conf);

    long listStart = System.nanoTime();
    List<Path> photos = new ArrayList<>();
    long[] count = {0};
    new ImageLister(conf).walk(new org.apache.hadoop.fs.Path(input.toUri()), image -> {
      if (photos.size() < 64) {
        photos.add(Paths.get(image.getPath().toUri().getPath()));
      }
      count[0]++;
      return true;
    });
    double listSeconds = (System.nanoTime() - listStart) / 1e9;
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "benchmark: %d images (%d × the input), %d cores, %d map tasks ×"
        + " %d ONNX Runtime threads, batch %d%n", count[0], repeat, cores, callers,
        settings.intraOpThreads(), batchSize);
    System.out.printf(Locale.ROOT, "listing: %.2f s%n", listSeconds);

    for (Map.Entry<String, Path> model : models.entrySet()) {
      Callable<Double> ceiling = () -> InferenceCeiling.measure(model.getValue(),
          ModelDescriptorJson.forModel(model.getValue()), settings, photos,
          batchSize, callers, seconds);
      double before = ceiling.call();
      Path output = work.resolve("out-" + model.getKey());
      long start = System.nanoTime();
      RunSummary summary = runPipeline(conf, input, output, model.getValue());
      double wall = (System.nanoTime() - start) / 1e9;
      report(model.getKey(), before, ceiling.call(), summary, wall, cores, callers);
      fullRuns.put(model.getKey(), wall);
      summaries.put(model.getKey(), summary);
    }
    benchRecognizer(conf, work.resolve("out-fp32"), summaries.get("fp32"), fullRuns.get("fp32"),
        test, work);
    benchUpdate(conf, source, input, count[0], work, models.get("fp32"), fullRuns.get("fp32"));
    System.out.printf(Locale.ROOT, "peak memory: heap %d MiB, resident %s%n",
        peakHeapBytes() >> 20, peakResident());
  }

  /**
   * Times {@code train} on the float run's output against that run's time, and {@code classify}
   * of {@code test} against the run's embed stage, with the accuracy it prints.
   */
  private static void benchRecognizer(Configuration conf, Path run, RunSummary fullRun,
      double runSeconds, Path test, Path work) throws Exception {
    long start = System.nanoTime();
    int exit = ToolRunner.run(new Configuration(conf), new TrainTool(),
        new String[] {"--run", run.toString()});
    double train = (System.nanoTime() - start) / 1e9;
    Path classifier = run.resolve("classifier/classifier.onnx");
    start = System.nanoTime();
    int classified = exit != 0 ? exit : ToolRunner.run(new Configuration(conf), new ClassifyTool(),
        new String[] {"--model", classifier.toString(), "--input", test.toString(),
            "--output", work.resolve("classified").toString()});
    double classify = (System.nanoTime() - start) / 1e9;
    if (classified != 0) {
      throw new IllegalStateException("train or classify failed with exit code " + classified);
    }
    double embedStage = fullRun.imagesEmbedded() / fullRun.stageSeconds().get("embed");
    System.out.printf(Locale.ROOT, "%n[recognizer: fp32]%n");
    System.out.printf(Locale.ROOT, "  train              %8.1f s (run %.1f s: +%.1f %%)%n", train,
        runSeconds, 100 * train / runSeconds);
    System.out.printf(Locale.ROOT, "  classify %s: %.1f s (the run's embed stage: %.1f images/s)%n",
        test, classify, embedStage);
  }

  /**
   * Adds 1 % new images to the input and times an incremental run over the float run's output,
   * next to the full run's time.
   */
  private static void benchUpdate(Configuration conf, Path source, Path input, long listed,
      Path work, Path model, double fullSeconds) throws Exception {
    int added = (int) Math.max(1, Math.round(listed * UPDATE_FRACTION));
    Replicas.addNew(source, added, input, "update");
    long start = System.nanoTime();
    RunSummary summary = runPipeline(conf, input, work.resolve("out-fp32-update"), model,
        "--incremental", "--previous", work.resolve("out-fp32").toString());
    double wall = (System.nanoTime() - start) / 1e9;
    RunSummary.Incremental counts = summary.incremental();
    System.out.printf(Locale.ROOT, "%n[update: fp32, %d new images (%.0f %%) on top of %d]%n",
        counts.imagesEmbedded(), 100 * UPDATE_FRACTION, counts.imagesReused());
    System.out.printf(Locale.ROOT, "  incremental run    %8.1f s (full run %.1f s: %.1f× faster)%n",
        wall, fullSeconds, fullSeconds / wall);
    summary.stageSeconds().forEach((stage, seconds) ->
        System.out.printf(Locale.ROOT, "  stage %-12s %8.2f s wall%n", stage, seconds));
  }

  static RunSummary runPipeline(Configuration conf, Path input, Path output, Path model,
      String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--input", input.toString(),
        "--output", output.toString(), "--model", model.toString(), "--overwrite"));
    args.addAll(List.of(extra));
    int exit = ToolRunner.run(new Configuration(conf), new PipelineTool(), args.toArray(new String[0]));
    if (exit != 0) {
      throw new IllegalStateException("the pipeline run failed with exit code " + exit);
    }
    try (InputStream in = Files.newInputStream(output.resolve(OutputLayout.SUMMARY))) {
      return RunSummary.readJson(in);
    }
  }

  /**
   * The ratios are taken against the mean of the ceilings measured just before and just after the
   * run: on a shared or throttled machine the ceiling drifts by several per cent within minutes,
   * and one measurement before a long run would credit or charge the run with that drift. The
   * ratios against each of the two are printed too, as their spread. The inference share needs no
   * ceiling: the map tasks' inference time over the time their {@code slots} had, in the embed
   * stage and end to end, both measured over the same seconds, so drift cancels out.
   */
  private static void report(String precision, double before, double after, RunSummary summary,
      double wall, int cores, int slots) {
    double ceiling = (before + after) / 2;
    double endToEnd = summary.imagesEmbedded() / wall;
    double embedStage = summary.imagesEmbedded() / summary.stageSeconds().get("embed");
    System.out.printf(Locale.ROOT, "%n[%s]%n", precision);
    System.out.printf(Locale.ROOT, "  raw ceiling        %8.1f images/s (%.1f per core): %.1f before"
        + " the run, %.1f after%n", ceiling, ceiling / cores, before, after);
    System.out.printf(Locale.ROOT, "  end to end         %8.1f images/s (%.1f per core), %.1f s"
        + " for %d images%n", endToEnd, endToEnd / cores, wall, summary.imagesEmbedded());
    System.out.printf(Locale.ROOT, "  ratio              %8.2f%s%n", endToEnd / ceiling,
        spread(endToEnd, before, after));
    System.out.printf(Locale.ROOT, "  embed stage alone  %8.1f images/s, ratio %.2f%s%n",
        embedStage, embedStage / ceiling, spread(embedStage, before, after));
    double inference = summary.taskSeconds().get("inference");
    System.out.printf(Locale.ROOT, "  inference share    %8.2f of the embed stage's %d task slots,"
        + " %.2f end to end%n", inference / (slots * summary.stageSeconds().get("embed")), slots,
        inference / (slots * wall));
    summary.stageSeconds().forEach((stage, seconds) ->
        System.out.printf(Locale.ROOT, "  stage %-12s %8.2f s wall%n", stage, seconds));
    summary.taskSeconds().forEach((step, seconds) ->
        System.out.printf(Locale.ROOT, "  step  %-16s %8.2f s in tasks%n", step, seconds));
  }

  /** " (0.91 against the ceiling before, 0.95 after)". */
  private static String spread(double rate, double before, double after) {
    return String.format(Locale.ROOT, " (%.2f against the ceiling before, %.2f after)",
        rate / before, rate / after);
  }

  static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /** The process's peak resident set (VmHWM), which includes ONNX Runtime's native memory. */
  static String peakResident() throws IOException {
    Path status = Paths.get("/proc/self/status");
    if (!Files.exists(status)) {
      return "unknown";
    }
    try (Stream<String> lines = Files.lines(status)) {
      return lines.filter(l -> l.startsWith("VmHWM:")).map(l -> l.substring(6).trim())
          .findFirst().orElse("unknown");
    }
  }
}
