package io.fruits.pipeline.embed;

import io.fruits.pipeline.conf.ConfigKey;
import java.util.List;

/** Configuration keys of the embedding job. */
public final class EmbedKeys {

  public static final ConfigKey MODEL = ConfigKey.settable("fruits.embed.model", null,
      "URI of the ONNX model file, shipped to every task through the distributed cache");
  public static final ConfigKey BATCH_SIZE = ConfigKey.settable("fruits.embed.batch-size", "4",
      "images per ONNX Runtime call in a map task");

  public static final List<ConfigKey> ALL = List.of(MODEL, BATCH_SIZE);

  private EmbedKeys() {}
}
