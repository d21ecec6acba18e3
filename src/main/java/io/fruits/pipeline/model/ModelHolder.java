package io.fruits.pipeline.model;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares one {@link FeatureExtractor} per model file among the tasks of a JVM, opened on first
 * use and closed when the last user releases it (reference counting, like ONNX Runtime's own
 * environment). Under Hadoop's local runner several map tasks run as threads of one JVM; one
 * session serves them all, since running it is thread-safe. The pipeline's only static state
 * besides the counters {@code image.DecodeWorker} keeps to name its threads and warn of abandoned
 * decodes.
 */
public final class ModelHolder {

  private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);

  /** Open extractors by absolute, normalised model path. */
  private static final Map<Path, Entry> OPEN = new HashMap<>();
  /**
   * Runs before Hadoop closes its file systems (priority 10) and after the driver has stopped its
   * jobs (see the CLI's interruption handling).
   */
  public static final int SHUTDOWN_PRIORITY = 20;
  private static boolean hookInstalled;

  private ModelHolder() {}

  /**
   * The shared extractor for {@code modelFile}, opening it if no one holds it. Every call must be
   * paired with one {@link #release}; do not close the extractor directly.
   *
   * @throws IllegalStateException if the file is already open with another descriptor
   */
  public static synchronized FeatureExtractor acquire(
      Path modelFile, ModelDescriptor descriptor, SessionSettings settings) {
    Path key = modelFile.toAbsolutePath().normalize();
    Entry entry = OPEN.get(key);
    if (!hookInstalled) {
      ShutdownHookManager.get().addShutdownHook(ModelHolder::closeAllAtExit, SHUTDOWN_PRIORITY);
      hookInstalled = true;
    }
    if (entry == null) {
      entry = new Entry(FeatureExtractor.open(key, descriptor, settings), settings);
      OPEN.put(key, entry);
    } else if (!entry.extractor.descriptor().equals(descriptor)) {
      throw new IllegalStateException("model " + key + " is already open as "
          + entry.extractor.descriptor() + ", cannot also open it as " + descriptor);
    } else if (!entry.settings.equals(settings)) {
      LOG.warn("model {} is already open with {}; ignoring {}", key, entry.settings, settings);
    }
    entry.references++;
    return entry.extractor;
  }

  /**
   * Gives back one reference obtained from {@link #acquire}; the last one closes the session.
   *
   * @throws IllegalArgumentException if {@code extractor} is not currently held
   */
  public static synchronized void release(FeatureExtractor extractor) {
    Entry entry = OPEN.get(extractor.modelFile());
    if (entry == null || entry.extractor != extractor) {
      throw new IllegalArgumentException(
          "extractor for " + extractor.modelFile()
              + " was not acquired here or is already released");
    }
    if (--entry.references == 0) {
      OPEN.remove(extractor.modelFile());
      extractor.close();
    }
  }

  /**
   * When the JVM exits (a SIGTERM to a local run, say) while map threads may still be inside
   * ONNX Runtime, closes every session once its inferences under way have returned and refuses
   * new ones, so the native library is never torn down under a running inference.
   */
  private static void closeAllAtExit() {
    List<FeatureExtractor> open;
    synchronized (ModelHolder.class) {
      open = OPEN.values().stream().map(entry -> entry.extractor).toList();
      OPEN.clear();
    }
    for (FeatureExtractor extractor : open) {
      extractor.close();
    }
  }

  private static final class Entry {
    final FeatureExtractor extractor;
    final SessionSettings settings;
    int references;

    Entry(FeatureExtractor extractor, SessionSettings settings) {
      this.extractor = extractor;
      this.settings = settings;
    }
  }
}
