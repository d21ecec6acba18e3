package io.fruits.pipeline.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of (true label, predicted label) pairs, and the figures drawn from them: accuracy,
 * accuracy per true label and the pairs most often confused. Merged from partial counts, so each
 * task counts its own rows and the driver adds them up.
 */
public final class Confusion {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Map<String, Long>> counts = new TreeMap<>();

  public void add(String truth, String predicted, long count) {
    counts.computeIfAbsent(truth, t -> new TreeMap<>()).merge(predicted, count, Long::sum);
  }

  public void merge(Confusion other) {
    other.counts.forEach((truth, row) -> row.forEach((predicted, n) -> add(truth, predicted, n)));
  }

  /** The counts of the rows whose true label is one of {@code labels}. */
  public Confusion restrictedTo(Collection<String> labels) {
    Confusion restricted = new Confusion();
    counts.forEach((truth, row) -> {
      if (labels.contains(truth)) {
        row.forEach((predicted, n) -> restricted.add(truth, predicted, n));
      }
    });
    return restricted;
  }

  public long total() {
    return counts.values().stream().flatMap(row -> row.values().stream())
        .mapToLong(Long::longValue).sum();
  }

  public long correct() {
    return counts.entrySet().stream()
        .mapToLong(e -> e.getValue().getOrDefault(e.getKey(), 0L)).sum();
  }

  /** Correct over total; NaN when nothing was counted. */
  public double accuracy() {
    long total = total();
    return total == 0 ? Double.NaN : (double) correct() / total;
  }

  /** Each true label's share of its rows predicted right, by label. */
  public Map<String, Double> perClassAccuracy() {
    Map<String, Double> accuracy = new TreeMap<>();
    counts.forEach((truth, row) -> {
      long total = row.values().stream().mapToLong(Long::longValue).sum();
      accuracy.put(truth, (double) row.getOrDefault(truth, 0L) / total);
    });
    return accuracy;
  }

  /** A wrong prediction and how often it happened. */
  public record Pair(String truth, String predicted, long count) {}

  /** The {@code n} most frequent wrong (truth, predicted) pairs, most frequent first. */
  public List<Pair> mostConfused(int n) {
    List<Pair> pairs = new ArrayList<>();
    counts.forEach((truth, row) -> row.forEach((predicted, count) -> {
      if (!truth.equals(predicted)) {
        pairs.add(new Pair(truth, predicted, count));
      }
    }));
    pairs.sort(Comparator.comparingLong(Pair::count).reversed()
        .thenComparing(Pair::truth).thenComparing(Pair::predicted));
    return pairs.subList(0, Math.min(n, pairs.size()));
  }

  /** The counts as JSON: a list of {truth, predicted, count}. */
  public String toJson() throws IOException {
    ArrayNode list = JSON.createArrayNode();
    counts.forEach((truth, row) -> row.forEach((predicted, count) ->
        list.addObject().put("truth", truth).put("predicted", predicted).put("count", count)));
    return JSON.writeValueAsString(list);
  }

  public static Confusion fromJson(String json) throws IOException {
    Confusion confusion = new Confusion();
    for (JsonNode entry : JSON.readTree(json)) {
      confusion.add(entry.get("truth").asText(), entry.get("predicted").asText(),
          entry.get("count").asLong());
    }
    return confusion;
  }

  /** The figures for a report: accuracy, rows, per-class accuracy and the 10 worst pairs. */
  public ObjectNode figures() {
    ObjectNode node = JSON.createObjectNode();
    node.put("rows", total());
    node.put("accuracy", accuracy());
    ObjectNode perClass = node.putObject("per_class_accuracy");
    perClassAccuracy().forEach(perClass::put);
    ArrayNode confused = node.putArray("most_confused");
    for (Pair pair : mostConfused(AccuracyPage.CONFUSED_PAIRS)) {
      confused.addObject().put("truth", pair.truth()).put("predicted", pair.predicted())
          .put("count", pair.count());
    }
    return node;
  }
}
