package io.fruits.pipeline.model;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.InvalidConfigException;
import org.apache.hadoop.conf.Configuration;

/** Configuration keys of the model package. */
public enum ModelKeys implements ConfigKey {
  INTRA_OP_THREADS(
      "fruits.model.intra-op-threads", "0", "0 = ONNX Runtime default (one per core)"),
  INTER_OP_THREADS(
      "fruits.model.inter-op-threads", "1", "threads running independent graph nodes in parallel");

  private final String key;
  private final String defaultValue;
  private final String description;

  ModelKeys(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public String defaultValue() {
    return defaultValue;
  }

  @Override
  public String description() {
    return description;
  }

  /** Session settings from {@code conf}: thread counts from the keys, ALL_OPT, arena on. */
  public static SessionSettings settings(Configuration conf) {
    return new SessionSettings(
        nonNegative(INTRA_OP_THREADS, conf),
        nonNegative(INTER_OP_THREADS, conf),
        OptLevel.ALL_OPT,
        true);
  }

  private static int nonNegative(ModelKeys key, Configuration conf) {
    int value = key.getInt(conf);
    if (value < 0) {
      throw new InvalidConfigException(key.key() + " must be >= 0, got " + value);
    }
    return value;
  }
}
