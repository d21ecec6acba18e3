package io.fruits.pipeline.image;

/**
 * Checks what a BMP's headers declare against the file's own length and the pixel limit before
 * ImageIO reads it, so that a tiny file cannot make a reader size a palette or a raster from
 * hostile header fields: a pixel-data offset or a palette beyond the end of the file is CORRUPT,
 * more pixels than the limit TOO_LARGE.
 */
final class BmpHeader {

  private static final int FILE_HEADER = 14;
  /** Info headers of 40 bytes and more (Windows v3 to v5) carry a palette-entry count. */
  private static final int INFO_HEADER = 40;

  private BmpHeader() {}

  static boolean isBmp(byte[] bytes, int length) {
    return length >= 2 && bytes[0] == 'B' && bytes[1] == 'M';
  }

  /** Does nothing for headers too short to read: ImageIO rejects those itself. */
  static void check(byte[] bytes, int length, long maxPixels) throws ImageRejectedException {
    if (length < FILE_HEADER + INFO_HEADER) {
      return;
    }
    long pixelOffset = u32(bytes, 10);
    long infoSize = u32(bytes, FILE_HEADER);
    if (infoSize < INFO_HEADER) {
      return; // OS/2 core header: 16-bit sizes, no palette count
    }
    long width = Math.abs((long) s32(bytes, 18));
    long height = Math.abs((long) s32(bytes, 22));
    PixelLimit.check("bmp header declares", width, height, maxPixels);
    if (pixelOffset > length) {
      throw new ImageRejectedException(RejectReason.CORRUPT, "bmp header puts the pixel data at"
          + " offset " + pixelOffset + ", beyond the file's " + length + " bytes");
    }
    long paletteEntries = u32(bytes, 46);
    if (FILE_HEADER + infoSize + 4 * paletteEntries > length) {
      throw new ImageRejectedException(RejectReason.CORRUPT, "bmp header declares "
          + paletteEntries + " palette entries, more than the file's " + length + " bytes hold");
    }
  }

  private static int s32(byte[] bytes, int offset) {
    return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8
        | (bytes[offset + 2] & 0xff) << 16 | (bytes[offset + 3] & 0xff) << 24;
  }

  private static long u32(byte[] bytes, int offset) {
    return s32(bytes, offset) & 0xffffffffL;
  }
}
