package io.fruits.pipeline.cli;

import io.fruits.pipeline.embed.EmbedKeys;
import io.fruits.pipeline.image.ImagePreprocessor;
import io.fruits.pipeline.image.ImageRejectedException;
import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.model.FeatureExtractor;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.ModelDescriptorJson;
import io.fruits.pipeline.model.ModelKeys;
import io.fruits.pipeline.model.SessionSettings;
import io.fruits.pipeline.output.RunSummary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * The bench's phone-photo mode ({@code bench --photos DIR}): how long one photo's decode and
 * resize take per thread, the raw inference rate, the ceiling (threads doing the map tasks' work
 * per image, reduced-size decode, resize and inference, without Hadoop), and what the embedding
 * stage of a real pipeline run over the photos (linked {@code --repeat} times over) reaches
 * against it, fp32 only.
 */
final class PhotoBench {

  /** Passes over the photos when timing the preprocessing; the first one only warms up. */
  private static final int ROUNDS = 4;
  /** The in-memory measurements decode known photos: no decode should ever come near this. */
  static final Duration BENCH_TIMEOUT = Duration.ofMinutes(1);

  private PhotoBench() {}

  static void run(Configuration conf, Path photosDir, int repeat, Path model, double seconds,
      Path work) throws Exception {
    List<Path> photos = photos(conf, photosDir);
    if (photos.isEmpty()) {
      throw new IOException("no images in " + photosDir);
    }
    int callers = conf.getInt(LocalRunnerDefaults.LOCAL_MAX_MAPS, 1);
    SessionSettings settings = ModelKeys.settings(conf);
    int batchSize = EmbedKeys.BATCH_SIZE.getInt(conf);
    ModelDescriptor descriptor = ModelDescriptorJson.forModel(model);
    System.out.printf(Locale.ROOT, "phone-photo benchmark: %d photos from %s, %d × over in the"
        + " pipeline run, %d cores, %d map tasks × %d ONNX Runtime threads, batch %d%n",
        photos.size(), photosDir, repeat, Runtime.getRuntime().availableProcessors(), callers,
        settings.intraOpThreads(), batchSize);

    List<byte[]> files = new ArrayList<>();
    for (Path photo : photos) {
      files.add(Files.readAllBytes(photo));
    }
    double[] perPhoto = parallelPreprocessingMillis(photos, files, descriptor, callers);
    double preprocessMs = perPhoto[0] + perPhoto[1] + perPhoto[2];
    System.out.printf(Locale.ROOT, "per photo and thread, %d threads at once as the map tasks run"
        + " (mean of %d passes over the photos):%n", callers, ROUNDS - 1);
    System.out.printf(Locale.ROOT, "  decode (reduced size)   %7.1f ms%n", perPhoto[0]);
    System.out.printf(Locale.ROOT, "  area reduction          %7.1f ms%n", perPhoto[1]);
    System.out.printf(Locale.ROOT, "  header, copy, tensor    %7.1f ms%n", perPhoto[2]);
    System.out.printf(Locale.ROOT, "  decode + resize         %7.1f ms%n", preprocessMs);

    double inference = InferenceCeiling.measure(model, descriptor, settings, photos, batchSize,
        callers, seconds);
    System.out.printf(Locale.ROOT, "raw inference            %8.1f images/s%n", inference);
    double ceiling = decodeAndInfer(model, descriptor, settings, files, batchSize, callers, seconds);
    System.out.printf(Locale.ROOT, "ceiling: decode + resize + inference, %d threads, no Hadoop"
        + " %8.1f images/s%n", callers, ceiling);

    Path input = Replicas.of(photosDir, repeat, work.resolve("input"));
    long start = System.nanoTime();
    RunSummary summary = BenchTool.runPipeline(conf, input, work.resolve("out-photos"), model);
    double wall = (System.nanoTime() - start) / 1e9;
    double embedStage = summary.imagesEmbedded() / summary.stageSeconds().get("embed");
    System.out.printf(Locale.ROOT, "pipeline: %d photos embedded, %d rejected, %.1f s end to end%n",
        summary.imagesEmbedded(), summary.imagesRejected(), wall);
    System.out.printf(Locale.ROOT, "  embed stage            %8.1f images/s, ratio to the ceiling"
        + " %.2f%n", embedStage, embedStage / ceiling);
    System.out.printf(Locale.ROOT, "  decode + resize in tasks %6.1f ms per photo%n",
        1e3 * summary.taskSeconds().get("decode") / summary.imagesEmbedded());
    summary.stageSeconds().forEach((stage, s) ->
        System.out.printf(Locale.ROOT, "  stage %-12s %8.2f s wall%n", stage, s));
    System.out.printf(Locale.ROOT, "peak memory: heap %d MiB, resident %s%n",
        BenchTool.peakHeapBytes() >> 20, BenchTool.peakResident());
  }

  /**
   * Images per second that {@code callers} threads reach, each preprocessing a batch of the
   * in-memory photos and running the model on it, for {@code seconds} (the preprocessing and the
   * model are already warm): the map tasks' work per image without Hadoop around it.
   */
  private static double decodeAndInfer(Path model, ModelDescriptor descriptor,
      SessionSettings settings, List<byte[]> files, int batchSize, int callers, double seconds)
      throws Exception {
    try (FeatureExtractor extractor = FeatureExtractor.open(model, descriptor, settings)) {
      return InferenceCeiling.imagesPerSecond(callers, seconds, caller -> (deadline, images) -> {
        try (ImagePreprocessor preprocessor =
            new ImagePreprocessor(descriptor.input(), Long.MAX_VALUE, BENCH_TIMEOUT)) {
          FloatBuffer batch = extractor.allocateBatch(batchSize);
          float[] out = new float[batchSize * descriptor.featureDimension()];
          int next = caller;
          while (System.nanoTime() < deadline) {
            for (int slot = 0; slot < batchSize; slot++, next++) {
              byte[] file = files.get(next % files.size());
              preprocessor.write(file, file.length, batch, slot);
            }
            extractor.extract(batch, batchSize, out);
            images.add(batchSize);
          }
        }
      });
    }
  }

  /** The image files directly in or below {@code dir}, by the configured extensions. */
  private static List<Path> photos(Configuration conf, Path dir) throws IOException {
    Set<String> extensions = IngestKeys.extensions(conf);
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).filter(file -> {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return extensions.contains(name.substring(name.lastIndexOf('.') + 1));
      }).sorted().toList();
    }
  }

  /**
   * {@link #preprocessingMillis} on {@code threads} threads at once, averaged over them: the
   * map tasks decode side by side, sharing the memory bandwidth and caches.
   */
  private static double[] parallelPreprocessingMillis(List<Path> photos, List<byte[]> files,
      ModelDescriptor descriptor, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<double[]>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        running.add(pool.submit(() -> preprocessingMillis(photos, files, descriptor)));
      }
      double[] mean = new double[3];
      for (Future<double[]> future : running) {
        double[] millis = future.get();
        for (int i = 0; i < mean.length; i++) {
          mean[i] += millis[i] / threads;
        }
      }
      return mean;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Mean milliseconds per photo on this thread: {decode, area reduction, the rest (header parse,
   * copies, tensor write)}. The files are in memory, so no file I/O is timed.
   */
  private static double[] preprocessingMillis(List<Path> photos, List<byte[]> files,
      ModelDescriptor descriptor) throws IOException, InterruptedException {
    FloatBuffer slot = ByteBuffer.allocateDirect(descriptor.input().valuesPerImage() * 4)
        .order(ByteOrder.nativeOrder()).asFloatBuffer();
    try (ImagePreprocessor preprocessor =
        new ImagePreprocessor(descriptor.input(), Long.MAX_VALUE, BENCH_TIMEOUT)) {
      long total = 0;
      long decode = 0;
      long reduce = 0;
      for (int round = 0; round < ROUNDS; round++) {
        long decodeBefore = preprocessor.nativeDecodeNanos();
        long reduceBefore = preprocessor.nativeReduceNanos();
        long start = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
          try {
            preprocessor.write(files.get(i), files.get(i).length, slot, 0);
          } catch (ImageRejectedException e) {
            throw new IOException("benchmark photo " + photos.get(i) + ": " + e.getMessage(), e);
          }
        }
        if (round > 0) {
          total += System.nanoTime() - start;
          decode += preprocessor.nativeDecodeNanos() - decodeBefore;
          reduce += preprocessor.nativeReduceNanos() - reduceBefore;
        }
      }
      double images = (double) (ROUNDS - 1) * files.size() * 1e6;
      return new double[] {decode / images, reduce / images, (total - decode - reduce) / images};
    }
  }
}
