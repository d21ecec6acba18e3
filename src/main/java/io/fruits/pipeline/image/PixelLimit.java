package io.fruits.pipeline.image;

/**
 * The check of a declared image size against {@link ImageKeys#MAX_PIXELS} that every decoding
 * path makes before it allocates any pixel.
 */
final class PixelLimit {

  private PixelLimit() {}

  /**
   * @param what the start of the reject's detail: the format, or the header that declares the size
   * @throws ImageRejectedException TOO_LARGE if {@code width × height} is over {@code maxPixels}
   */
  static void check(String what, long width, long height, long maxPixels)
      throws ImageRejectedException {
    long pixels = width * height;
    if (pixels > maxPixels) {
      throw new ImageRejectedException(RejectReason.TOO_LARGE,
          what + " " + width + "x" + height + " = " + pixels + " pixels, limit " + maxPixels);
    }
  }
}
