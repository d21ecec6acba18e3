package io.fruits.pipeline.pca;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.InvalidConfigException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Configuration keys of the PCA stage. */
public final class PcaKeys {

  public static final ConfigKey K = ConfigKey.settable("fruits.pca.k", null,
      "number of principal components to keep; excludes fruits.pca.variance");
  public static final ConfigKey VARIANCE = ConfigKey.settable("fruits.pca.variance", "0.95",
      "keep the fewest components explaining at least this fraction of the variance, in (0, 1]");
  public static final ConfigKey REDUCERS = ConfigKey.settable("fruits.pca.reducers", "0",
      "reduce tasks merging covariance row blocks; 0 = one per 64 map tasks, at most 32");

  public static final List<ConfigKey> ALL = List.of(K, VARIANCE, REDUCERS);

  /** Map tasks whose partial sums one reducer merges when the count is chosen automatically. */
  static final int MAPS_PER_REDUCER = 64;
  static final int MAX_AUTO_REDUCERS = 32;

  private PcaKeys() {}

  /**
   * The component selection: {@link #K} when set, else {@link #VARIANCE} (default 0.95).
   *
   * @throws InvalidConfigException naming the key, when both are set or a value is out of range
   */
  public static ComponentSelection selection(Configuration conf) {
    String k = K.get(conf);
    if (k == null || k.isEmpty()) {
      double fraction = VARIANCE.getDouble(conf);
      if (!(fraction > 0 && fraction <= 1)) {
        throw new InvalidConfigException(
            VARIANCE.key() + " must be in (0, 1], got " + VARIANCE.get(conf));
      }
      return ComponentSelection.variance(fraction);
    }
    // The default of VARIANCE is not a choice, so only an explicit value conflicts with K.
    if (conf.getTrimmed(VARIANCE.key()) != null) {
      throw new InvalidConfigException(
          "set only one of " + K.key() + " and " + VARIANCE.key() + ", not both");
    }
    int count = K.getInt(conf);
    if (count < 1) {
      throw new InvalidConfigException(K.key() + " must be at least 1, got " + count);
    }
    return ComponentSelection.count(count);
  }

  /** {@link #REDUCERS}, checked not to be negative; 0 means choose automatically. */
  public static int reducers(Configuration conf) {
    int value = REDUCERS.getInt(conf);
    if (value < 0) {
      throw new InvalidConfigException(REDUCERS.key() + " must not be negative, got " + value);
    }
    return value;
  }

  /**
   * The number of covariance reducers for a job with {@code mapTasks} map tasks: {@link #REDUCERS}
   * when set, else one per {@value #MAPS_PER_REDUCER} map tasks (at most
   * {@value #MAX_AUTO_REDUCERS}), so no reducer receives more than about 64 full partials' worth
   * of bytes (64 × 6.5 MB at d = 1280) until the cap.
   */
  public static int reducersFor(Configuration conf, long mapTasks) {
    int configured = reducers(conf);
    if (configured > 0) {
      return configured;
    }
    // The ceiling as −⌊−n / m⌋, which cannot overflow as n + m − 1 does near the top of the range.
    long wanted = -Math.floorDiv(-mapTasks, MAPS_PER_REDUCER);
    return (int) Math.max(1, Math.min(MAX_AUTO_REDUCERS, wanted));
  }
}
