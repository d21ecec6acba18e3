package io.fruits.pipeline.model;

/** The numeric precision of a model's weights and kernels. */
public enum Precision {
  /** Float weights and float kernels. */
  FP32,
  /** Int8 weights with quantize/dequantize pairs that ONNX Runtime fuses into integer kernels. */
  INT8
}
