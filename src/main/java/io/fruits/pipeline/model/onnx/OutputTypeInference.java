package io.fruits.pipeline.model.onnx;

import static io.fruits.pipeline.model.onnx.OnnxFields.DIM_PARAM;
import static io.fruits.pipeline.model.onnx.OnnxFields.DIM_VALUE;
import static io.fruits.pipeline.model.onnx.OnnxFields.SHAPE_DIM;
import static io.fruits.pipeline.model.onnx.OnnxFields.TENSOR_TYPE_ELEMENT;
import static io.fruits.pipeline.model.onnx.OnnxFields.TENSOR_TYPE_SHAPE;
import static io.fruits.pipeline.model.onnx.OnnxFields.TYPE_TENSOR;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import ai.onnxruntime.TensorInfo;
import io.fruits.pipeline.model.ModelMismatchException;
import io.fruits.pipeline.model.OnnxEnvironment;
import java.io.IOException;

/**
 * Asks ONNX Runtime for the type and shape it infers for a graph output that is declared by name
 * only, and encodes them as an ONNX {@code TypeProto}, so that an added output carries the type
 * the ONNX spec requires of graph outputs.
 */
final class OutputTypeInference {

  private OutputTypeInference() {}

  /**
   * The serialized TypeProto of output {@code output} of {@code model}.
   *
   * @throws ModelMismatchException if ONNX Runtime cannot load the model or the output is not a
   *     tensor
   */
  static byte[] typeProto(byte[] model, String source, String output) throws IOException {
    OrtEnvironment environment = OnnxEnvironment.shared();
    TensorInfo info;
    try (SessionOptions options = new SessionOptions()) {
      // Types and shapes are inferred when the graph is resolved; optimising it would be wasted.
      options.setOptimizationLevel(OptLevel.NO_OPT);
      try (OrtSession session = environment.createSession(model, options)) {
        NodeInfo node = session.getOutputInfo().get(output);
        if (!(node.getInfo() instanceof TensorInfo tensor)) {
          throw new ModelMismatchException(
              "model " + source + ": '" + output + "' is not a tensor: " + node.getInfo());
        }
        info = tensor;
      }
    } catch (OrtException e) {
      throw new ModelMismatchException("model " + source + ": ONNX Runtime cannot load it with '"
          + output + "' as an output: " + e.getMessage(), e);
    }
    return encode(info, source, output);
  }

  private static byte[] encode(TensorInfo info, String source, String output) throws IOException {
    // ONNX Runtime's Java enum numbers types its own way; its names are ONNX's after a prefix.
    String typeName = info.onnxType.name().substring("ONNX_TENSOR_ELEMENT_DATA_TYPE_".length());
    int elementType = OnnxValueInfo.elementTypeCode(typeName);
    if (elementType <= 0) {
      throw new ModelMismatchException(
          "model " + source + ": output '" + output + "' has an unknown element type " + typeName);
    }
    long[] dims = info.getShape();
    String[] names = info.getDimensionNames();
    WireWriter shape = new WireWriter();
    for (int i = 0; i < dims.length; i++) {
      WireWriter dim = new WireWriter();
      if (dims[i] >= 0) {
        dim.varint(DIM_VALUE, dims[i]);
      } else if (!names[i].isEmpty()) {
        dim.string(DIM_PARAM, names[i]);
      }
      shape.message(SHAPE_DIM, dim.toByteArray());
    }
    byte[] tensor = new WireWriter()
        .varint(TENSOR_TYPE_ELEMENT, elementType)
        .message(TENSOR_TYPE_SHAPE, shape.toByteArray())
        .toByteArray();
    return new WireWriter().message(TYPE_TENSOR, tensor).toByteArray();
  }
}
