package io.fruits.pipeline.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.mapreduce.Counters;

/**
 * Where a run's time went: wall-clock seconds per stage in the driver, and CPU-side seconds per
 * step inside tasks, summed over all tasks from their millisecond counters.
 */
final class StageTimes {

  private final Map<String, Double> stages = new LinkedHashMap<>();
  private final Map<String, Double> tasks = new LinkedHashMap<>();

  /** Records the stage that started at {@code startNanos} and ends now. */
  void stage(String name, long startNanos) {
    stages.put(name, (System.nanoTime() - startNanos) / 1e9);
  }

  void task(Counters counters, String step, Enum<?> millis) {
    tasks.put(step, counters.findCounter(millis).getValue() / 1000.0);
  }

  /** Adds the times of stages an earlier, interrupted attempt of the run already did. */
  void restore(Map<String, Double> earlierStages, Map<String, Double> earlierTasks) {
    earlierStages.forEach(stages::putIfAbsent);
    earlierTasks.forEach(tasks::putIfAbsent);
  }

  Map<String, Double> stages() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(stages));
  }

  Map<String, Double> tasks() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
  }
}
