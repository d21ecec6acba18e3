package io.fruits.pipeline.testing;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Files in the formats phones produce besides JPEG: WebP (written by OpenCV's libwebp, as ImageIO
 * cannot) and the start of a HEIF file.
 */
public final class PhoneFormatFiles {

  private PhoneFormatFiles() {}

  /** {@code image} as a lossless WebP (quality above 100), so decoded colours are exact. */
  public static byte[] losslessWebp(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] bgr = new byte[w * h * 3];
    for (int y = 0, j = 0; y < h; y++) {
      for (int x = 0; x < w; x++, j += 3) {
        int rgb = image.getRGB(x, y);
        bgr[j] = (byte) rgb;
        bgr[j + 1] = (byte) (rgb >> 8);
        bgr[j + 2] = (byte) (rgb >> 16);
      }
    }
    try (BytePointer pixels = new BytePointer(bgr);
        Mat mat = new Mat(h, w, CV_8UC3, pixels);
        BytePointer encoded = new BytePointer();
        IntPointer params = new IntPointer(IMWRITE_WEBP_QUALITY, 101)) {
      if (!imencode(".webp", mat, encoded, params)) {
        throw new IllegalStateException("OpenCV could not encode WebP");
      }
      byte[] out = new byte[(int) encoded.limit()];
      encoded.get(out);
      if (!new String(out, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
        throw new IllegalStateException("OpenCV wrote no WebP");
      }
      return out;
    }
  }

  /** The first bytes of a HEIF file with major brand {@code brand}: enough to recognise it. */
  public static byte[] heifHeader(String brand) {
    return ("\0\0\0\u0018ftyp" + brand + "\0\0\0\0mif1heic" + "\0".repeat(64))
        .getBytes(StandardCharsets.ISO_8859_1);
  }
}
