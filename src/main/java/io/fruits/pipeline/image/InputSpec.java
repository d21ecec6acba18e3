package io.fruits.pipeline.image;

import java.util.Objects;

/**
 * The image input a model expects: size, tensor layout and pixel scaling, always three channels.
 *
 * @param width pixels per row after resizing
 * @param height rows after resizing
 * @param layout order of the values in the input tensor
 * @param scaling channel order and value mapping
 */
public record InputSpec(int width, int height, PixelLayout layout, PixelScaling scaling) {

  public InputSpec {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + width + "x" + height);
    }
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(scaling, "scaling");
  }

  /** Floats one image occupies in a batch: width × height × 3. */
  public int valuesPerImage() {
    return Math.multiplyExact(Math.multiplyExact(width, height), 3);
  }
}
