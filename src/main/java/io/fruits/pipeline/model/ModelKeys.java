package io.fruits.pipeline.model;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.InvalidConfigException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.MRJobConfig;

/** Configuration keys of the model package. */
public final class ModelKeys {

  public static final ConfigKey INTRA_OP_THREADS = ConfigKey.settable(
      "fruits.model.intra-op-threads", "0",
      "threads one inference uses; 0 = the map task's vcores (mapreduce.map.cpu.vcores)");
  public static final ConfigKey INTER_OP_THREADS = ConfigKey.settable(
      "fruits.model.inter-op-threads", "1", "threads running independent graph nodes in parallel");
  public static final ConfigKey PRECISION = ConfigKey.settable("fruits.model.precision", "",
      "fp32 or int8: the precision the model file must have (checked); empty = accept either");
  public static final ConfigKey DESCRIPTOR = ConfigKey.forTasks("fruits.model.descriptor",
      "the model descriptor as JSON, from the .json file next to the model or the built-in one");
  public static final ConfigKey SHA256 = ConfigKey.forTasks("fruits.model.sha256",
      "the sha256 of the model file the driver checked; tasks open no other file");

  public static final List<ConfigKey> ALL =
      List.of(INTRA_OP_THREADS, INTER_OP_THREADS, PRECISION, DESCRIPTOR, SHA256);

  private ModelKeys() {}

  /**
   * Session settings from {@code conf}: thread counts from the keys. By default
   * a task uses as many inference threads as YARN gives it vcores, so containers sharing a node
   * do not oversubscribe its cores.
   */
  public static SessionSettings settings(Configuration conf) {
    int intraOp = nonNegative(INTRA_OP_THREADS, conf);
    return new SessionSettings(
        intraOp > 0 ? intraOp : Math.max(1, conf.getInt(MRJobConfig.MAP_CPU_VCORES, 1)),
        nonNegative(INTER_OP_THREADS, conf));
  }

  /** The precision the user asked for, or {@code null} when any is accepted. */
  public static Precision requiredPrecision(Configuration conf) {
    String value = PRECISION.get(conf);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Precision.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(PRECISION.key() + " must be fp32 or int8, got '" + value + "'");
    }
  }

  /**
   * The descriptor the driver stored.
   *
   * @throws InvalidConfigException if none is set: a task must not guess which model it runs
   */
  public static ModelDescriptor descriptor(Configuration conf) {
    return ModelDescriptorJson.parse(DESCRIPTOR.require(conf), DESCRIPTOR.key());
  }

  /** Stores {@code descriptor} for the job's tasks, which read it with {@link #descriptor}. */
  public static void setDescriptor(Configuration conf, ModelDescriptor descriptor) {
    DESCRIPTOR.set(conf, ModelDescriptorJson.toJson(descriptor));
  }

  private static int nonNegative(ConfigKey key, Configuration conf) {
    int value = key.getInt(conf);
    if (value < 0) {
      throw new InvalidConfigException(key.key() + " must be >= 0, got " + value);
    }
    return value;
  }
}
