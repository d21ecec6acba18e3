package io.fruits.pipeline.model.onnx;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The declared type of a named value in an ONNX graph (ValueInfoProto): its element type and
 * shape, when it is a tensor.
 *
 * @param name the value's name
 * @param elementType ONNX {@code TensorProto.DataType} code (1 = float); 0 when the value is not a
 *     tensor or its type is not given
 * @param shape its dimensions, or {@code null} when the rank is unknown
 */
public record OnnxValueInfo(String name, int elementType, List<Dimension> shape) {

  /** The {@code TensorProto.DataType} names of onnx.proto, at their codes 0 to 23. */
  private static final List<String> TYPE_NAMES = List.of(
      "UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING",
      "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16",
      "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4",
      "FLOAT4E2M1");

  public OnnxValueInfo {
    shape = shape == null ? null : List.copyOf(shape);
  }

  /**
   * One dimension: a fixed size, a symbolic name such as {@code N}, or neither (unknown).
   *
   * @param value the size, or -1 when it is not fixed
   * @param parameter the symbolic name, or {@code null}
   */
  public record Dimension(long value, String parameter) {

    @Override
    public String toString() {
      return value >= 0 ? Long.toString(value) : parameter != null ? parameter : "?";
    }
  }

  /** The dimensions as numbers, -1 for those not fixed; {@code null} when the rank is unknown. */
  public long[] dimensions() {
    return shape == null ? null : shape.stream().mapToLong(Dimension::value).toArray();
  }

  /** The {@code TensorProto.DataType} code named {@code name} (e.g. FLOAT), or -1. */
  static int elementTypeCode(String name) {
    return TYPE_NAMES.indexOf(name);
  }

  /** E.g. {@code float [N,3,224,224]}, {@code int64 [unknown rank]} or {@code (not a tensor)}. */
  public String describe() {
    if (elementType == 0) {
      return "(not a tensor)";
    }
    String type = elementType < TYPE_NAMES.size()
        ? TYPE_NAMES.get(elementType).toLowerCase(Locale.ROOT) : "type " + elementType;
    return type + (shape == null ? " [unknown rank]"
        : shape.stream().map(Dimension::toString).collect(Collectors.joining(",", " [", "]")));
  }
}
