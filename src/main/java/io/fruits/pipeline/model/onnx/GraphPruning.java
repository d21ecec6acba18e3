package io.fruits.pipeline.model.onnx;

import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_INITIALIZER;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_INPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_NODE;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_OUTPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_VALUE_INFO;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The graph message of a model cut down to what computes one tensor: the nodes it depends on,
 * the initializers and inputs they read and the value types of their tensors, each field copied
 * byte for byte, and no outputs (the caller declares its own). A classifier cut at its pooled
 * features then no longer computes its ImageNet head.
 */
final class GraphPruning {

  private GraphPruning() {}

  /** The graph's fields that {@code tensor} depends on, as the content of a GraphProto. */
  static WireWriter keeping(OnnxModel model, String tensor) throws IOException {
    OnnxGraph graph = model.graph();
    boolean[] keptNodes = dependencies(graph, tensor);
    Set<String> used = new HashSet<>();
    Set<String> produced = new HashSet<>();
    for (int i = 0; i < keptNodes.length; i++) {
      if (keptNodes[i]) {
        used.addAll(graph.nodes().get(i).inputs());
        produced.addAll(graph.nodes().get(i).outputs());
      }
    }
    Set<String> initializers = new HashSet<>(graph.initializerNames());
    WireWriter pruned = new WireWriter();
    WireReader fields = model.graphFields();
    int node = 0;
    int initializer = 0;
    int input = 0;
    int valueInfo = 0;
    byte[] bytes = model.bytes();
    while (fields.next()) {
      int start = fields.fieldStart();
      boolean keep = switch (fields.field()) {
        case GRAPH_NODE -> keptNodes[node++];
        case GRAPH_INITIALIZER -> used.contains(graph.initializerNames().get(initializer++));
        case GRAPH_INPUT -> {
          String name = graph.inputs().get(input++).name();
          yield !initializers.contains(name) || used.contains(name);
        }
        case GRAPH_VALUE_INFO -> produced.contains(graph.valueInfo().get(valueInfo++).name());
        case GRAPH_OUTPUT -> false;
        default -> true;
      };
      fields.skip();
      if (keep) {
        pruned.raw(bytes, start, fields.position() - start);
      }
    }
    return pruned;
  }

  /** Which nodes, by index, {@code tensor} is computed from (its producer included). */
  private static boolean[] dependencies(OnnxGraph graph, String tensor) {
    List<OnnxNode> nodes = graph.nodes();
    boolean[] kept = new boolean[nodes.size()];
    Deque<String> wanted = new ArrayDeque<>(List.of(tensor));
    Set<String> seen = new HashSet<>(wanted);
    while (!wanted.isEmpty()) {
      String name = wanted.pop();
      for (int i = 0; i < nodes.size(); i++) {
        if (!kept[i] && nodes.get(i).outputs().contains(name)) {
          kept[i] = true;
          for (String in : nodes.get(i).inputs()) {
            if (!in.isEmpty() && seen.add(in)) {
              wanted.push(in);
            }
          }
        }
      }
    }
    return kept;
  }
}
