package io.fruits.pipeline.model.onnx;

import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_NODE;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_OUTPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_VALUE_INFO;
import static io.fruits.pipeline.model.onnx.OnnxFields.MODEL_GRAPH;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_INPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_OP_TYPE;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_OUTPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.VALUE_NAME;
import static io.fruits.pipeline.model.onnx.OnnxFields.VALUE_TYPE;

import io.fruits.pipeline.model.ModelMismatchException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Makes a copy of an ONNX model with an intermediate tensor added as a graph output, optionally
 * under another name through an Identity node: typically the GlobalAveragePool output of a
 * classifier that only outputs logits. The new node and output are appended to the graph message
 * (protobuf appends to repeated fields in order), so every other byte of the file is copied
 * unchanged and only the graph's length prefix differs.
 *
 * <p>The output's type is copied from the graph's value_info when declared there, else inferred
 * by ONNX Runtime; a pooled tensor keeps its shape, e.g. {@code [N,1280,1,1]}, which the pipeline
 * reads as 1280 features (the values are laid out exactly as {@code [N,1280]}).
 */
public final class OutputAddition {

  private OutputAddition() {}

  /**
   * The bytes of {@code model} with {@code tensor} as an extra output called {@code outputName}.
   *
   * @throws ModelMismatchException if no node writes {@code tensor}, the model already has such
   *     an output, another tensor is called {@code outputName}, or ONNX Runtime cannot infer the
   *     output's type
   */
  public static byte[] apply(OnnxModel model, String tensor, String outputName)
      throws IOException {
    Objects.requireNonNull(tensor, "tensor");
    Objects.requireNonNull(outputName, "outputName");
    check(model, tensor, outputName);
    WireWriter additions = new WireWriter();
    if (!outputName.equals(tensor)) {
      additions.message(GRAPH_NODE, new WireWriter()
          .string(NODE_INPUT, tensor)
          .string(NODE_OUTPUT, outputName)
          .string(NODE_OP_TYPE, "Identity")
          .toByteArray());
    }
    byte[] node = additions.toByteArray();
    byte[] declared = declaredType(model, tensor);
    byte[] type = declared != null ? declared : OutputTypeInference.typeProto(
        withGraphAdditions(model, node, output(outputName, null)), model.source(), outputName);
    return withGraphAdditions(model, node, output(outputName, type));
  }

  private static void check(OnnxModel model, String tensor, String outputName) {
    OnnxGraph graph = model.graph();
    if (graph.producer(tensor).isEmpty()) {
      List<OnnxNode> nodes = graph.nodes();
      List<String> last = nodes.subList(Math.max(0, nodes.size() - 5), nodes.size()).stream()
          .map(node -> node.opType() + " -> " + String.join(", ", node.outputs())).toList();
      throw new ModelMismatchException("model " + model.source() + ": no node writes a tensor '"
          + tensor + "'; the last nodes write: " + String.join("; ", last)
          + " (model inspect lists more)");
    }
    if (graph.outputs().stream().anyMatch(output -> output.name().equals(outputName))) {
      throw new ModelMismatchException(
          "model " + model.source() + " already has an output '" + outputName + "'");
    }
    if (!outputName.equals(tensor) && graph.hasTensor(outputName)) {
      throw new ModelMismatchException("model " + model.source() + " already has a tensor '"
          + outputName + "'; choose another output name");
    }
  }

  /** A ValueInfoProto for the graph's output list; without a type when {@code type} is null. */
  private static byte[] output(String name, byte[] type) throws IOException {
    WireWriter value = new WireWriter().string(VALUE_NAME, name);
    if (type != null) {
      value.message(VALUE_TYPE, type);
    }
    return new WireWriter().message(GRAPH_OUTPUT, value.toByteArray()).toByteArray();
  }

  /** The serialized TypeProto the graph's value_info or outputs declare for {@code tensor}. */
  private static byte[] declaredType(OnnxModel model, String tensor) throws IOException {
    WireReader graph = model.graphFields();
    while (graph.next()) {
      if (graph.field() != GRAPH_VALUE_INFO && graph.field() != GRAPH_OUTPUT) {
        graph.skip();
        continue;
      }
      WireReader value = graph.message();
      String name = null;
      WireReader type = null;
      while (value.next()) {
        if (value.field() == VALUE_NAME) {
          name = value.string();
        } else if (value.field() == VALUE_TYPE) {
          type = value.message();
        } else {
          value.skip();
        }
      }
      if (tensor.equals(name) && type != null) {
        byte[] bytes = new byte[type.length()];
        System.arraycopy(model.bytes(), type.offset(), bytes, 0, type.length());
        return bytes;
      }
    }
    return null;
  }

  /** The model's bytes with {@code additions} (whole graph fields) appended to its graph. */
  private static byte[] withGraphAdditions(OnnxModel model, byte[]... additions)
      throws IOException {
    byte[] source = model.bytes();
    WireReader graph = model.graphFields();
    WireWriter newGraph = new WireWriter().raw(source, graph.offset(), graph.length());
    for (byte[] addition : additions) {
      newGraph.raw(addition, 0, addition.length);
    }
    byte[] graphBytes = newGraph.toByteArray();
    int after = model.graphFieldEnd();
    return new WireWriter()
        .raw(source, 0, model.graphFieldStart())
        .message(MODEL_GRAPH, graphBytes)
        .raw(source, after, source.length - after)
        .toByteArray();
  }
}
