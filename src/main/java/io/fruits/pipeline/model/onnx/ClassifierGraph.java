package io.fruits.pipeline.model.onnx;

import static io.fruits.pipeline.model.onnx.OnnxFields.DIM_VALUE;
import static io.fruits.pipeline.model.onnx.OnnxFields.ENTRY_KEY;
import static io.fruits.pipeline.model.onnx.OnnxFields.ENTRY_VALUE;
import static io.fruits.pipeline.model.onnx.OnnxFields.FLOAT;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_INITIALIZER;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_NODE;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_OUTPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.MODEL_GRAPH;
import static io.fruits.pipeline.model.onnx.OnnxFields.MODEL_METADATA_PROPS;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_INPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_NAME;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_OP_TYPE;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_OUTPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.SHAPE_DIM;
import static io.fruits.pipeline.model.onnx.OnnxFields.TENSOR_DATA_TYPE;
import static io.fruits.pipeline.model.onnx.OnnxFields.TENSOR_DIMS;
import static io.fruits.pipeline.model.onnx.OnnxFields.TENSOR_NAME;
import static io.fruits.pipeline.model.onnx.OnnxFields.TENSOR_RAW_DATA;
import static io.fruits.pipeline.model.onnx.OnnxFields.TENSOR_TYPE_ELEMENT;
import static io.fruits.pipeline.model.onnx.OnnxFields.TENSOR_TYPE_SHAPE;
import static io.fruits.pipeline.model.onnx.OnnxFields.TYPE_TENSOR;
import static io.fruits.pipeline.model.onnx.OnnxFields.VALUE_NAME;
import static io.fruits.pipeline.model.onnx.OnnxFields.VALUE_TYPE;

import io.fruits.pipeline.model.ModelMismatchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

/**
 * One ONNX model from image to class probabilities: the embedding model cut at its features
 * output ({@link GraphPruning}), then the PCA and a linear one-vs-rest logistic classifier as
 * standard operators with their numbers as initializers:
 *
 * <pre>
 * features → Flatten → Sub(mean) → MatMul(components) = pca_scores
 *          → Gemm(weights, bias) → Sigmoid → Div(·, MatMul(·, ones)) = class_probabilities
 * </pre>
 *
 * The last step divides each sigmoid by their sum (the product with a C×C matrix of ones gives
 * every row's sum in each column, an operator set–independent ReduceSum). Every operator exists
 * unchanged since opset 7, so the embedding model's opset serves. Metadata go into the model's
 * metadata_props.
 */
public final class ClassifierGraph {

  /** The outputs: the probabilities, one per label in order, and the PCA scores. */
  public static final String PROBABILITIES = "class_probabilities";
  public static final String PCA_SCORES = "pca_scores";
  private static final String PREFIX = "fruits_classifier_";

  /**
   * The numbers of the head, row-major.
   *
   * @param mean the PCA mean, d values
   * @param components the d×k projection: column i is component i
   * @param weights the k×C classifier weights: column c is label c's vector
   * @param bias C values
   */
  public record Head(float[] mean, float[] components, float[] weights, float[] bias) {

    public Head {
      if (mean.length == 0 || components.length % mean.length != 0 || bias.length == 0
          || weights.length != components.length / mean.length * bias.length) {
        throw new IllegalArgumentException("inconsistent sizes: mean " + mean.length
            + ", components " + components.length + ", weights " + weights.length + ", bias "
            + bias.length);
      }
    }

    int dimension() {
      return mean.length;
    }

    int k() {
      return components.length / mean.length;
    }

    int classes() {
      return bias.length;
    }
  }

  private ClassifierGraph() {}

  /**
   * The bytes of the combined model.
   *
   * @param features the embedding model's output that holds the features
   * @throws ModelMismatchException if no node writes {@code features} or the graph already uses
   *     one of the new tensors' names
   */
  public static byte[] build(OnnxModel embedding, String features, Head head,
      Map<String, String> metadata) throws IOException {
    if (embedding.graph().producer(features).isEmpty()) {
      throw new ModelMismatchException(
          "model " + embedding.source() + ": no node writes '" + features + "'");
    }
    for (String name : new String[] {PROBABILITIES, PCA_SCORES}) {
      if (embedding.graph().hasTensor(name)) {
        throw new ModelMismatchException("model " + embedding.source()
            + " already has a tensor '" + name + "'");
      }
    }
    WireWriter graph = GraphPruning.keeping(embedding, features);
    float[] ones = new float[head.classes() * head.classes()];
    Arrays.fill(ones, 1f);
    initializer(graph, "mean", new long[] {head.dimension()}, head.mean());
    initializer(graph, "components", new long[] {head.dimension(), head.k()}, head.components());
    initializer(graph, "weights", new long[] {head.k(), head.classes()}, head.weights());
    initializer(graph, "bias", new long[] {head.classes()}, head.bias());
    initializer(graph, "ones", new long[] {head.classes(), head.classes()}, ones);
    node(graph, "Flatten", PREFIX + "flat", features);
    node(graph, "Sub", PREFIX + "centred", PREFIX + "flat", PREFIX + "mean");
    node(graph, "MatMul", PCA_SCORES, PREFIX + "centred", PREFIX + "components");
    node(graph, "Gemm", PREFIX + "scores", PCA_SCORES, PREFIX + "weights", PREFIX + "bias");
    node(graph, "Sigmoid", PREFIX + "sigmoid", PREFIX + "scores");
    node(graph, "MatMul", PREFIX + "sum", PREFIX + "sigmoid", PREFIX + "ones");
    node(graph, "Div", PROBABILITIES, PREFIX + "sigmoid", PREFIX + "sum");
    output(graph, PROBABILITIES, head.classes());
    output(graph, PCA_SCORES, head.k());

    byte[] source = embedding.bytes();
    int after = embedding.graphFieldEnd();
    WireWriter model = new WireWriter()
        .raw(source, 0, embedding.graphFieldStart())
        .message(MODEL_GRAPH, graph.toByteArray())
        .raw(source, after, source.length - after);
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      model.message(MODEL_METADATA_PROPS, new WireWriter()
          .string(ENTRY_KEY, entry.getKey()).string(ENTRY_VALUE, entry.getValue()).toByteArray());
    }
    return model.toByteArray();
  }

  /** A float TensorProto named {@code PREFIX + name}, its values little-endian in raw_data. */
  private static void initializer(WireWriter graph, String name, long[] dims, float[] values)
      throws IOException {
    WireWriter tensor = new WireWriter();
    for (long dim : dims) {
      tensor.varint(TENSOR_DIMS, dim);
    }
    ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    tensor.varint(TENSOR_DATA_TYPE, FLOAT)
        .string(TENSOR_NAME, PREFIX + name)
        .message(TENSOR_RAW_DATA, raw.array());
    graph.message(GRAPH_INITIALIZER, tensor.toByteArray());
  }

  private static void node(WireWriter graph, String opType, String output, String... inputs)
      throws IOException {
    WireWriter node = new WireWriter();
    for (String input : inputs) {
      node.string(NODE_INPUT, input);
    }
    node.string(NODE_OUTPUT, output).string(NODE_NAME, output).string(NODE_OP_TYPE, opType);
    graph.message(GRAPH_NODE, node.toByteArray());
  }

  /** A float output of shape [N, columns], N left unnamed as batch sizes vary. */
  private static void output(WireWriter graph, String name, int columns) throws IOException {
    byte[] shape = new WireWriter()
        .message(SHAPE_DIM, new byte[0])
        .message(SHAPE_DIM, new WireWriter().varint(DIM_VALUE, columns).toByteArray())
        .toByteArray();
    byte[] tensor = new WireWriter().varint(TENSOR_TYPE_ELEMENT, FLOAT)
        .message(TENSOR_TYPE_SHAPE, shape).toByteArray();
    byte[] type = new WireWriter().message(TYPE_TENSOR, tensor).toByteArray();
    graph.message(GRAPH_OUTPUT, new WireWriter().string(VALUE_NAME, name)
        .message(VALUE_TYPE, type).toByteArray());
  }
}
