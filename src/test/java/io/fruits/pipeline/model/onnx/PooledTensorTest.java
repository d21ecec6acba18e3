package io.fruits.pipeline.model.onnx;

import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_INPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_NODE;
import static io.fruits.pipeline.model.onnx.OnnxFields.MODEL_GRAPH;
import static io.fruits.pipeline.model.onnx.OnnxFields.MODEL_IR_VERSION;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_DOMAIN;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_INPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_OP_TYPE;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_OUTPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.VALUE_NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.model.ModelMismatchException;
import org.junit.jupiter.api.Test;

/** The pooled-features tensor is the output of the last GlobalAveragePool in the default domain. */
class PooledTensorTest {

  @Test
  void theZooStyleVariantsPoolIsFound() throws Exception {
    assertEquals("pool_272", PooledTensor.find(OnnxModel.read(OnnxModelTest.zooStyle())));
  }

  @Test
  void theLastPoolWinsAndOtherDomainsDoNotCount() throws Exception {
    OnnxModel model = model(
        node("GlobalAveragePool", "", "x", "early"),
        node("Relu", "", "early", "a"),
        node("GlobalAveragePool", "", "a", "late"),
        node("GlobalAveragePool", "com.example", "late", "custom"));
    assertEquals("late", PooledTensor.find(model));
  }

  @Test
  void aGraphWithoutPoolIsRefusedWithAHint() throws Exception {
    ModelMismatchException refused = assertThrows(ModelMismatchException.class,
        () -> PooledTensor.find(model(node("Relu", "", "x", "y"))));
    assertTrue(refused.getMessage().startsWith("model tiny.onnx has no GlobalAveragePool node"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("name the tensor"), refused.getMessage());
  }

  static byte[] node(String opType, String domain, String input, String output)
      throws Exception {
    return new WireWriter().string(NODE_INPUT, input).string(NODE_OUTPUT, output)
        .string(NODE_OP_TYPE, opType).string(NODE_DOMAIN, domain).toByteArray();
  }

  /** A model whose graph has one untyped input x and these nodes. */
  static OnnxModel model(byte[]... nodes) throws Exception {
    WireWriter graph = new WireWriter()
        .message(GRAPH_INPUT, new WireWriter().string(VALUE_NAME, "x").toByteArray());
    for (byte[] node : nodes) {
      graph.message(GRAPH_NODE, node);
    }
    byte[] bytes = new WireWriter().varint(MODEL_IR_VERSION, 7)
        .message(MODEL_GRAPH, graph.toByteArray()).toByteArray();
    return OnnxModel.parse(bytes, "tiny.onnx");
  }
}
