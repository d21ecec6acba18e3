package io.fruits.pipeline.model.onnx;

import java.util.List;

/**
 * One node of an ONNX graph (NodeProto): the operator it runs and the tensors it reads and writes.
 *
 * @param name the node's name, empty when the file gives none
 * @param opType the operator, e.g. {@code GlobalAveragePool}
 * @param domain the operator set's domain, empty for the default {@code ai.onnx}
 * @param inputs names of the tensors it reads, in order (empty names mark omitted optional inputs)
 * @param outputs names of the tensors it writes, in order
 */
public record OnnxNode(
    String name, String opType, String domain, List<String> inputs, List<String> outputs) {

  public OnnxNode {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
