package io.fruits.pipeline.output;

import io.fruits.pipeline.conf.ConfigKey;
import java.util.List;

/**
 * Configuration keys of the projection job. The run command sets them from the PCA it computed;
 * they travel to the tasks in the job configuration and end up in every Parquet footer.
 */
public final class OutputKeys {

  public static final ConfigKey MODEL_NAME = ConfigKey.forTasks("fruits.output.model-name",
      "embedding model, for the footer");
  public static final ConfigKey PCA_K = ConfigKey.forTasks("fruits.output.pca-k",
      "components kept, for the footer");
  public static final ConfigKey EXPLAINED_VARIANCE = ConfigKey.forTasks(
      "fruits.output.explained-variance",
      "cumulative explained variance of the kept components, for the footer");

  public static final List<ConfigKey> ALL = List.of(MODEL_NAME, PCA_K, EXPLAINED_VARIANCE);

  private OutputKeys() {}
}
