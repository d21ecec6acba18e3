package io.fruits.pipeline.model.onnx;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The main graph of an ONNX model (GraphProto): its nodes in topological order, its declared
 * inputs, outputs and intermediate value types, and the names of its initializers (weights).
 *
 * @param name the graph's name
 * @param nodes the nodes, in file (topological) order
 * @param inputs declared inputs; models older than IR 4 also list their initializers here
 * @param outputs declared outputs
 * @param valueInfo declared types of intermediate values (optional in ONNX, often partial)
 * @param initializerNames names of the constant tensors stored in the graph
 */
public record OnnxGraph(
    String name,
    List<OnnxNode> nodes,
    List<OnnxValueInfo> inputs,
    List<OnnxValueInfo> outputs,
    List<OnnxValueInfo> valueInfo,
    List<String> initializerNames) {

  public OnnxGraph {
    nodes = List.copyOf(nodes);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    valueInfo = List.copyOf(valueInfo);
    initializerNames = List.copyOf(initializerNames);
  }

  /** The inputs a caller feeds: the declared inputs that are not initializers. */
  public List<OnnxValueInfo> dataInputs() {
    Set<String> constants = new HashSet<>(initializerNames);
    return inputs.stream().filter(input -> !constants.contains(input.name())).toList();
  }

  /** The node that writes {@code tensor}, if any. */
  public Optional<OnnxNode> producer(String tensor) {
    return nodes.stream().filter(node -> node.outputs().contains(tensor)).findFirst();
  }

  /** The last node, in file (topological) order, running {@code opType} of the default domain. */
  public Optional<OnnxNode> lastNode(String opType) {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      OnnxNode node = nodes.get(i);
      if ((node.domain().isEmpty() || node.domain().equals("ai.onnx")) && node.opType().equals(opType)) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }

  /** The declared type of {@code tensor}: from value_info, the outputs or the inputs. */
  public Optional<OnnxValueInfo> typeOf(String tensor) {
    return Stream.of(valueInfo, outputs, inputs).flatMap(List::stream)
        .filter(value -> value.name().equals(tensor)).findFirst();
  }

  /** True when any input, initializer or node output of the graph is called {@code name}. */
  public boolean hasTensor(String name) {
    return initializerNames.contains(name) || producer(name).isPresent()
        || inputs.stream().anyMatch(input -> input.name().equals(name));
  }
}
