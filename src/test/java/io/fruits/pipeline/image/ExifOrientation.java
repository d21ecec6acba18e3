package io.fruits.pipeline.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;

/**
 * Test photos stored "sideways": the pixels a camera would store for each EXIF orientation, and
 * the APP1 Exif segment that carries the tag, written from the TIFF/EXIF specification.
 */
final class ExifOrientation {

  private ExifOrientation() {}

  /**
   * The image a viewer shows for {@code stored} pixels tagged with {@code orientation} (1..8):
   * 2 mirror, 3 rotate 180°, 4 flip, 5 transpose, 6 rotate 90° clockwise, 7 transverse, 8 rotate
   * 90° anticlockwise.
   */
  static BufferedImage display(int orientation, BufferedImage stored) {
    int w = stored.getWidth();
    int h = stored.getHeight();
    boolean swap = orientation >= 5;
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 1 -> { sx = x; sy = y; }
          case 2 -> { sx = w - 1 - x; sy = y; }
          case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
          case 4 -> { sx = x; sy = h - 1 - y; }
          case 5 -> { sx = y; sy = x; }
          case 6 -> { sx = y; sy = h - 1 - x; }
          case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
          case 8 -> { sx = w - 1 - y; sy = x; }
          default -> throw new IllegalArgumentException("orientation " + orientation);
        }
        out.setRGB(x, y, stored.getRGB(sx, sy));
      }
    }
    return out;
  }

  /** The pixels to store so that a viewer honouring {@code orientation} shows {@code upright}. */
  static BufferedImage stored(int orientation, BufferedImage upright) {
    int inverse = orientation == 6 ? 8 : orientation == 8 ? 6 : orientation;
    return display(inverse, upright);
  }

  /** {@code jpeg} with an Exif APP1 segment holding only the orientation tag, after SOI. */
  static byte[] tagged(byte[] jpeg, int orientation) {
    byte[] tiff = {
      'M', 'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, IFD0 at offset 8
      0, 1, // one entry
      0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, count 1
      0, 0, 0, 0}; // no next IFD
    byte[] exif = {'E', 'x', 'i', 'f', 0, 0};
    int segment = 2 + exif.length + tiff.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + segment + 2);
    out.write(jpeg, 0, 2);
    out.write(0xff);
    out.write(0xe1);
    out.write(segment >> 8);
    out.write(segment & 0xff);
    out.writeBytes(exif);
    out.writeBytes(tiff);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }
}
