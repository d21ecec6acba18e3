package io.fruits.pipeline.image;

/**
 * How a model expects 8-bit colour values: the channel order and the affine map applied to each
 * channel. Each constant keeps one 256-entry lookup table per channel, so callers map a pixel
 * with a table read instead of arithmetic.
 */
public enum PixelScaling {
  /** RGB, {@code x / 127.5 - 1}: values in [-1, 1] (TensorFlow / Keras MobileNet). */
  TF(false, new double[] {127.5, 127.5, 127.5}, new double[] {127.5, 127.5, 127.5}),
  /** RGB, {@code (x / 255 - mean) / std}, ImageNet mean and std (PyTorch, ONNX Model Zoo). */
  TORCH(
      false,
      new double[] {0.485 * 255, 0.456 * 255, 0.406 * 255},
      new double[] {0.229 * 255, 0.224 * 255, 0.225 * 255}),
  /** BGR, {@code x - mean} with the ImageNet mean B 103.939, G 116.779, R 123.68 (Caffe). */
  CAFFE(true, new double[] {103.939, 116.779, 123.68}, new double[] {1, 1, 1});

  private final boolean bgr;
  private final float[][] tables = new float[3][256];

  /** Fills {@code tables[c][x] = (x - offset[c]) / divisor[c]}, c in model channel order. */
  PixelScaling(boolean bgr, double[] offset, double[] divisor) {
    this.bgr = bgr;
    for (int c = 0; c < 3; c++) {
      for (int x = 0; x < 256; x++) {
        tables[c][x] = (float) ((x - offset[c]) / divisor[c]);
      }
    }
  }

  /** Which RGB component (0 red, 1 green, 2 blue) feeds model channel {@code channel}. */
  public int rgbComponent(int channel) {
    return bgr ? 2 - channel : channel;
  }

  /**
   * The model value for an 8-bit component value.
   *
   * @param channel model channel 0..2 (for CAFFE, 0 is blue)
   * @param value 0..255, the component {@link #rgbComponent(int)} names
   */
  public float apply(int channel, int value) {
    return tables[channel][value];
  }
}
