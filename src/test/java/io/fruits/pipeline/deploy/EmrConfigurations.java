package io.fruits.pipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * conf/emr/configurations.json, the EMR classifications the cluster is created with, as
 * classification → properties. Nested classifications (hadoop-env's export) are keyed
 * {@code parent/child}.
 */
record EmrConfigurations(Map<String, Map<String, String>> classifications) {

  static final Path FILE = ProjectFiles.conf().resolve("emr/configurations.json");

  static EmrConfigurations load() throws IOException {
    JsonNode root = new ObjectMapper().readTree(FILE.toFile());
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    add(root, "", all);
    return new EmrConfigurations(Map.copyOf(all));
  }

  private static void add(JsonNode list, String prefix, Map<String, Map<String, String>> all) {
    if (!list.isArray()) {
      throw new IllegalArgumentException(FILE + ": expected a list of classifications, got " + list);
    }
    for (JsonNode entry : list) {
      String name = prefix + entry.path("Classification").asText();
      if (all.containsKey(name)) {
        throw new IllegalArgumentException(FILE + ": classification " + name + " appears twice");
      }
      Map<String, String> properties = new LinkedHashMap<>();
      entry.path("Properties").fields().forEachRemaining(p -> {
        if (!p.getValue().isTextual()) {
          throw new IllegalArgumentException(FILE + ": " + name + "/" + p.getKey() + " must be a string");
        }
        properties.put(p.getKey(), p.getValue().asText());
      });
      all.put(name, Map.copyOf(properties));
      if (entry.has("Configurations")) {
        add(entry.get("Configurations"), name + "/", all);
      }
    }
  }

  /** The properties of one classification; empty when absent. */
  Map<String, String> get(String classification) {
    return classifications.getOrDefault(classification, Map.of());
  }

  int intValue(String classification, String key) {
    String value = get(classification).get(key);
    if (value == null) {
      throw new IllegalArgumentException(FILE + ": " + classification + " has no " + key);
    }
    return Integer.parseInt(value);
  }
}
