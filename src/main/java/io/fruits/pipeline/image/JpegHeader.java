package io.fruits.pipeline.image;

/**
 * What the marker segments of a JPEG say before any pixel is decoded: the frame size, the number
 * of colour components, and whether an end-of-image marker follows the first scan.
 *
 * <p>libjpeg repairs a truncated file (it pads the missing data with grey) and only warns, and
 * OpenCV does not pass the warning on; a missing end marker is how a cut file is recognised
 * without decoding it.
 *
 * @param width samples per line of the frame
 * @param height lines of the frame
 * @param components 1 (gray), 3 (YCbCr or RGB) or 4 (CMYK, YCCK)
 * @param complete whether the bytes after the first scan contain an end-of-image marker
 */
record JpegHeader(int width, int height, int components, boolean complete) {

  private static final int SOS = 0xda;
  private static final int EOI = 0xd9;

  /** Reads the header of a JPEG, or returns null when its segments end before a frame and a scan. */
  static JpegHeader parse(byte[] bytes, int length) {
    int width = -1;
    int height = -1;
    int components = -1;
    int i = 2;
    while (i + 3 < length) {
      if ((bytes[i] & 0xff) != 0xff) {
        return null;
      }
      int marker = bytes[i + 1] & 0xff;
      if (marker == 0xff) {
        i++; // fill byte
        continue;
      }
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
        i += 2; // markers without a length
        continue;
      }
      int segment = u16(bytes, i + 2);
      if (marker == SOS) {
        return width <= 0 ? null
            : new JpegHeader(width, height, components, hasEndMarker(bytes, i + 2 + segment, length));
      }
      if (isStartOfFrame(marker) && i + 9 < length) {
        height = u16(bytes, i + 5);
        width = u16(bytes, i + 7);
        components = bytes[i + 9] & 0xff;
      }
      i += 2 + segment;
    }
    return null;
  }

  /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
  }

  /** Searches backwards: whatever trails a complete file after its end marker is short. */
  private static boolean hasEndMarker(byte[] bytes, int from, int length) {
    for (int i = length - 2; i >= from; i--) {
      if ((bytes[i] & 0xff) == 0xff && (bytes[i + 1] & 0xff) == EOI) {
        return true;
      }
    }
    return false;
  }

  private static int u16(byte[] bytes, int offset) {
    return (bytes[offset] & 0xff) << 8 | (bytes[offset + 1] & 0xff);
  }
}
