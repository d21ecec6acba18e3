package io.fruits.pipeline.output;

import io.fruits.pipeline.conf.ConfigKey;
import java.util.List;

/**
 * Configuration keys of the projection job, set by the driver for its tasks: the run facts every
 * Parquet footer carries and the share of rows sampled for the report.
 */
public final class OutputKeys {

  public static final ConfigKey MODEL_NAME = ConfigKey.forTasks("fruits.output.model-name",
      "embedding model, for the footer");
  public static final ConfigKey PCA_K = ConfigKey.forTasks("fruits.output.pca-k",
      "components kept, for the footer");
  public static final ConfigKey EXPLAINED_VARIANCE = ConfigKey.forTasks(
      "fruits.output.explained-variance",
      "cumulative explained variance of the kept components, for the footer");

  public static final ConfigKey SAMPLE_FRACTION = ConfigKey.forTasks(
      "fruits.output.sample-fraction", "the share of rows sampled for the report");

  public static final List<ConfigKey> ALL =
      List.of(MODEL_NAME, PCA_K, EXPLAINED_VARIANCE, SAMPLE_FRACTION);

  private OutputKeys() {}
}
