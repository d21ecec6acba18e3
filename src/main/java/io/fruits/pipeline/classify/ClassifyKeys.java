package io.fruits.pipeline.classify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.InvalidConfigException;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Configuration keys of the classifier's training. */
public final class ClassifyKeys {

  public static final ConfigKey PER_CLASS = ConfigKey.settable("fruits.classify.per-class", "1000",
      "training sample: at most this many rows per label (a seeded choice), held-out rows included");
  public static final ConfigKey HELD_OUT = ConfigKey.settable("fruits.classify.held-out", "0.2",
      "share of each label's sampled rows kept out of training to measure accuracy, in [0, 1)");
  public static final ConfigKey SEED = ConfigKey.settable("fruits.classify.seed", "1",
      "seed of the sample and of the held-out split; the same seed trains the same model");
  public static final ConfigKey COST = ConfigKey.settable("fruits.classify.cost", "1",
      "LIBLINEAR's C, the inverse of the L2 regularisation strength, > 0");

  public static final ConfigKey LABELS = ConfigKey.forTasks("fruits.classify.labels",
      "the classifier's labels in the order of its probabilities, as a JSON list");

  public static final List<ConfigKey> ALL = List.of(PER_CLASS, HELD_OUT, SEED, COST, LABELS);

  private ClassifyKeys() {}

  /** {@link #PER_CLASS}, at least 2 (one row to train on and one to hold out). */
  public static int perClass(Configuration conf) {
    int value = PER_CLASS.getInt(conf);
    if (value < 2) {
      throw new InvalidConfigException(PER_CLASS.key() + " must be at least 2, got " + value);
    }
    return value;
  }

  public static double heldOut(Configuration conf) {
    double value = HELD_OUT.getDouble(conf);
    if (!(value >= 0 && value < 1)) {
      throw new InvalidConfigException(HELD_OUT.key() + " must be in [0, 1), got " + value);
    }
    return value;
  }

  public static double cost(Configuration conf) {
    double value = COST.getDouble(conf);
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new InvalidConfigException(COST.key() + " must be a positive number, got " + value);
    }
    return value;
  }

  /** {@link #LABELS}, which the job sets with {@link #setLabels}. */
  public static List<String> labels(Configuration conf) throws IOException {
    return new ObjectMapper().readValue(LABELS.require(conf), new TypeReference<List<String>>() {});
  }

  /** Stores the classifier's {@code labels} for the job's tasks ({@link #labels}). */
  public static void setLabels(Configuration conf, List<String> labels) throws IOException {
    LABELS.set(conf, new ObjectMapper().writeValueAsString(labels));
  }
}
