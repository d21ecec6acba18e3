package io.fruits.pipeline.image;

/**
 * The canvas size a WebP file declares in its first chunk (lossy {@code VP8 }, lossless {@code
 * VP8L} or extended {@code VP8X}), read before decoding so that the pixel limit applies to WebP
 * as it does to every other format.
 */
record WebpHeader(int width, int height) {

  /** The declared size, or null when the first chunk is none of the three or is cut short. */
  static WebpHeader parse(byte[] bytes, int length) {
    if (length < 30) {
      return null;
    }
    String chunk = new String(bytes, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    switch (chunk) {
      case "VP8 ":
        return new WebpHeader(u16le(bytes, 26) & 0x3fff, u16le(bytes, 28) & 0x3fff);
      case "VP8L": {
        int bits = u16le(bytes, 21) | u16le(bytes, 23) << 16;
        return new WebpHeader(1 + (bits & 0x3fff), 1 + (bits >>> 14 & 0x3fff));
      }
      case "VP8X":
        return new WebpHeader(1 + u24le(bytes, 24), 1 + u24le(bytes, 27));
      default:
        return null;
    }
  }

  private static int u16le(byte[] bytes, int offset) {
    return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8;
  }

  private static int u24le(byte[] bytes, int offset) {
    return u16le(bytes, offset) | (bytes[offset + 2] & 0xff) << 16;
  }
}
