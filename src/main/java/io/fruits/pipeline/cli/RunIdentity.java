package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.image.ImageKeys;
import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.model.ModelKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * What decides which images a run embeds and how: the input, the previous output it updates,
 * the model's fingerprint and the settings that choose, decode or reject images. Embeddings
 * committed under one identity are reused by {@code --resume} only under the same.
 *
 * @param previous the previous output an incremental run updates; empty for a full run
 */
record RunIdentity(String input, String previous, String modelId, Map<String, String> settings) {

  /** Settings that change which images are embedded or what their embeddings are. */
  private static final List<ConfigKey> EMBEDDING_SETTINGS = embeddingSettings();

  static RunIdentity of(Configuration conf, String input, String previous, String modelId) {
    Map<String, String> settings = new TreeMap<>();
    for (ConfigKey key : EMBEDDING_SETTINGS) {
      settings.put(key.key(), Objects.toString(key.get(conf), ""));
    }
    return new RunIdentity(input, previous, modelId, settings);
  }

  /** Refuses to go on from embeddings committed under {@code committed}, naming what differs. */
  void requireSameAs(RunIdentity committed) {
    List<String> differences = new ArrayList<>();
    differs("input", committed.input, input, differences);
    differs("previous output", committed.previous, previous, differences);
    differs("model", committed.modelId, modelId, differences);
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      differs(setting.getKey(), committed.settings.get(setting.getKey()), setting.getValue(),
          differences);
    }
    if (!differences.isEmpty()) {
      throw new InvalidConfigException("--resume: the interrupted run embedded with a different "
          + String.join(", ", differences) + "; its embeddings do not fit this run. Run again with"
          + " --overwrite instead");
    }
  }

  private static void differs(String what, String then, String now, List<String> differences) {
    if (!Objects.equals(then, now)) {
      differences.add(what + " (" + then + ", now " + now + ")");
    }
  }

  private static List<ConfigKey> embeddingSettings() {
    List<ConfigKey> keys = new ArrayList<>(ImageKeys.ALL);
    keys.addAll(List.of(IngestKeys.EXTENSIONS, IngestKeys.MAX_BYTES, ModelKeys.PRECISION));
    return List.copyOf(keys);
  }
}
