package io.fruits.pipeline.image;

/** The order of the values of one image in a model's input tensor. */
public enum PixelLayout {
  /** Batch, height, width, channel: the three channels of a pixel are adjacent (TensorFlow). */
  NHWC,
  /** Batch, channel, height, width: one full plane per channel (PyTorch, ONNX Model Zoo). */
  NCHW
}
