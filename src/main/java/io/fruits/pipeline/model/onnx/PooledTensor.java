package io.fruits.pipeline.model.onnx;

import io.fruits.pipeline.model.ModelMismatchException;

/**
 * Finds the pooled-features tensor of an image classifier: the output of its last
 * GlobalAveragePool node, which feeds the classification head (MobileNet, ResNet, EfficientNet
 * and the other ImageNet CNNs of the ONNX Model Zoo all end this way).
 */
public final class PooledTensor {

  /** The pooling operator whose output is taken. */
  public static final String OP_TYPE = "GlobalAveragePool";

  private PooledTensor() {}

  /**
   * The name of the tensor the last GlobalAveragePool node writes.
   *
   * @throws ModelMismatchException if the graph has no such node
   */
  public static String find(OnnxModel model) {
    return model.graph().lastNode(OP_TYPE).map(node -> node.outputs().get(0))
        .orElseThrow(() -> new ModelMismatchException("model " + model.source() + " has no "
            + OP_TYPE + " node to take the pooled features from; name the tensor (model inspect"
            + " lists the last nodes)"));
  }
}
