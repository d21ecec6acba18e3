package io.fruits.pipeline.project;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.KeySpec;

/**
 * Configuration keys of the projection job. The run command sets them from the PCA it computed;
 * they travel to the tasks in the job configuration and end up in every Parquet footer.
 */
public enum ProjectKeys implements ConfigKey {
  MODEL_NAME("fruits.project.model-name", "", "set by the run command: embedding model, for the footer"),
  PCA_K("fruits.project.pca-k", "", "set by the run command: components kept, for the footer"),
  EXPLAINED_VARIANCE("fruits.project.explained-variance", "",
      "set by the run command: cumulative explained variance of the kept components, for the footer");

  private final KeySpec spec;

  ProjectKeys(String key, String defaultValue, String description) {
    this.spec = new KeySpec(key, defaultValue, description);
  }

  @Override
  public KeySpec spec() {
    return spec;
  }
}
