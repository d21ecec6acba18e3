package io.fruits.pipeline.cli;

import io.fruits.pipeline.image.ImagePreprocessor;
import io.fruits.pipeline.image.ImageRejectedException;
import io.fruits.pipeline.model.FeatureExtractor;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.SessionSettings;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Measures what ONNX Runtime alone sustains on this machine: the same session settings, batch
 * size and number of parallel callers as the pipeline's map tasks, on tensors decoded once up
 * front, so nothing but inference is timed.
 */
final class InferenceCeiling {

  private InferenceCeiling() {}

  /** Images per second over {@code seconds}, after one warm-up batch per caller. */
  static double measure(Path model, ModelDescriptor descriptor, SessionSettings settings,
      List<Path> photos, int batchSize, int callers, double seconds)
      throws IOException, InterruptedException {
    try (FeatureExtractor extractor = FeatureExtractor.open(model, descriptor, settings)) {
      FloatBuffer template = decode(extractor, photos, batchSize);
      return imagesPerSecond(callers, seconds, caller -> (deadline, images) -> {
        FloatBuffer batch = extractor.allocateBatch(batchSize);
        batch.put(template.duplicate().rewind());
        float[] out = new float[batchSize * descriptor.featureDimension()];
        extractor.extract(batch, batchSize, out);
        while (System.nanoTime() < deadline) {
          extractor.extract(batch, batchSize, out);
          images.add(batchSize);
        }
      });
    }
  }

  /** What one measuring thread does until the deadline, counting the images it handles. */
  interface Caller {
    void run(long deadline, LongAdder images) throws Exception;
  }

  /**
   * Images per second that {@code callers} threads handle together over {@code seconds}, thread
   * i running {@code caller.apply(i)}.
   */
  static double imagesPerSecond(int callers, double seconds, IntFunction<Caller> caller)
      throws InterruptedException {
    LongAdder images = new LongAdder();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      long start = System.nanoTime();
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        Caller body = caller.apply(c);
        running.add(pool.submit(() -> {
          body.run(deadline, images);
          return null;
        }));
      }
      for (Future<?> future : running) {
        future.get();
      }
      return images.sum() / ((System.nanoTime() - start) / 1e9);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a measuring thread failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** One batch of real photos, cycling through them if there are fewer than the batch. */
  private static FloatBuffer decode(FeatureExtractor extractor, List<Path> photos, int batchSize)
      throws IOException, InterruptedException {
    FloatBuffer batch = extractor.allocateBatch(batchSize);
    try (ImagePreprocessor preprocessor = new ImagePreprocessor(
        extractor.descriptor().input(), Long.MAX_VALUE, PhotoBench.BENCH_TIMEOUT)) {
      for (int slot = 0; slot < batchSize; slot++) {
        byte[] bytes = Files.readAllBytes(photos.get(slot % photos.size()));
        try {
          preprocessor.write(bytes, bytes.length, batch, slot);
        } catch (ImageRejectedException e) {
          throw new IOException("benchmark photo " + photos.get(slot % photos.size()) + ": "
              + e.getMessage(), e);
        }
      }
    }
    return batch;
  }
}
