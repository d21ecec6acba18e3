package io.fruits.pipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading AWS policy documents, where a field holds either one string or a list of them. */
final class PolicyJson {

  private PolicyJson() {}

  /** The values of an {@code Action}, {@code Resource} or condition field; empty when absent. */
  static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isTextual()) {
      values.add(node.asText());
    } else {
      node.forEach(v -> values.add(v.asText()));
    }
    return values;
  }
}
