package io.fruits.pipeline.embed;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.KeySpec;

/** Configuration keys of the embedding job. */
public enum EmbedKeys implements ConfigKey {
  MODEL("fruits.embed.model", null,
      "URI of the ONNX model file, shipped to every task through the distributed cache"),
  BATCH_SIZE("fruits.embed.batch-size", "32", "images per ONNX Runtime call in a map task"),
  FAIL_FIRST_ATTEMPT("fruits.embed.test.fail-first-attempt", "false",
      "tests only: the first attempt of map task 0 dies after its first batch, to exercise retries");

  private final KeySpec spec;

  EmbedKeys(String key, String defaultValue, String description) {
    this.spec = new KeySpec(key, defaultValue, description);
  }

  @Override
  public KeySpec spec() {
    return spec;
  }
}
