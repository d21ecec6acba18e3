package io.fruits.pipeline.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Decodes JPEG and WebP with OpenCV (libjpeg-turbo, libwebp) straight to the smallest image that
 * still covers the model input, in EXIF orientation, as 8-bit BGR.
 *
 * <p><b>Reduced-size decoding.</b> A JPEG is decoded at the largest of the scales 1/8, 1/4, 1/2
 * that keeps both sides at least the model input's larger side (whichever way the orientation
 * turns the image): libjpeg-turbo's DCT scaling skips most of the inverse transform, and a 1/8
 * decode is the exact mean of each 8×8 block. A 3024×4032 phone photo becomes 378×504 pixels and
 * never exists at full resolution. WebP has no such mode and is decoded at full size.
 *
 * <p><b>Reduction without aliasing.</b> Each side still larger than the model input is then
 * reduced to it with OpenCV's {@code INTER_AREA}, an exact area average: every source pixel
 * contributes to the output pixels its footprint overlaps, by the overlap. Sides not larger are
 * left alone, for {@link ImageTensorWriter}'s bilinear enlargement.
 *
 * <p><b>Orientation.</b> OpenCV's {@code imdecode} applies the EXIF orientation of a JPEG (all
 * eight values) after decoding and before the area reduction here.
 *
 * <p><b>Native libraries.</b> OpenCV's core, imgproc and imgcodecs (and the OpenBLAS core links
 * against) are loaded once per JVM, when this class is first used, from the jar's folder for the
 * machine (Linux x86-64 or arm64). JavaCPP extracts them (~110 MB) to its cache folder: {@code
 * -Dorg.bytedeco.javacpp.cachedir} if set, else {@code ~/.javacpp/cache} when the home folder is
 * writable (shared by the task JVMs of a node, extracted once under a file lock), else {@code
 * java.io.tmpdir}, in a YARN container the container's own temporary folder.
 *
 * <p>Keeps one native buffer for the file's bytes, grown to the largest file seen; every {@link
 * Mat} is closed before {@link #decode} returns. Not thread-safe; close it when done.
 */
final class OpenCvDecoder implements AutoCloseable {

  static {
    Loader.load(opencv_imgcodecs.class);
    // A map task owns one core: OpenCV's resize must not spread over the others.
    opencv_core.setNumThreads(1);
  }

  private final long maxPixels;
  /** The model input's larger side: each decoded side must reach it. */
  private final int minSide;
  private final int targetWidth;
  private final int targetHeight;
  private BytePointer encoded = new BytePointer(0L);
  private final RgbConverter converter = new RgbConverter();
  private int[] rgbRow = new int[0];
  private byte[] bgrRow = new byte[0];
  private BufferedImage output;
  private long decodeNanos;
  private long reduceNanos;

  OpenCvDecoder(long maxPixels, int targetWidth, int targetHeight) {
    this.maxPixels = maxPixels;
    this.targetWidth = targetWidth;
    this.targetHeight = targetHeight;
    this.minSide = Math.max(targetWidth, targetHeight);
  }

  /**
   * Decodes and reduces a JPEG or WebP file; returns null for a JPEG this path should not take (4
   * colour components, a header cut before its first scan, or one OpenCV cannot decode), so that
   * ImageIO decides what it is. The image returned is reused by the next call.
   *
   * @throws ImageRejectedException TOO_LARGE beyond the pixel limit; CORRUPT for a JPEG whose
   *     structure is damaged after its header (see {@link JpegHeader}) and a WebP that cannot be
   *     decoded
   */
  BufferedImage decode(byte[] bytes, int length, ImageFormat format)
      throws ImageRejectedException {
    int width;
    int height;
    int flags;
    if (format == ImageFormat.JPEG) {
      JpegHeader header = JpegHeader.parse(bytes, length);
      if (header == null || header.components() == 4) {
        return null;
      }
      width = header.width();
      height = header.height();
      PixelLimit.check(format.toString(), width, height, maxPixels);
      if (header.damage() != null) {
        throw new ImageRejectedException(RejectReason.CORRUPT, "JPEG " + header.damage());
      }
      flags = reducedFlags(Math.min(width, height));
    } else {
      WebpHeader header = WebpHeader.parse(bytes, length);
      if (header == null) {
        throw new ImageRejectedException(RejectReason.CORRUPT, "WebP without a readable VP8/VP8L/VP8X header");
      }
      width = header.width();
      height = header.height();
      PixelLimit.check(format.toString(), width, height, maxPixels);
      flags = IMREAD_COLOR;
    }
    BufferedImage image = decodeAndReduce(bytes, length, flags);
    if (image == null && format == ImageFormat.WEBP) {
      throw new ImageRejectedException(RejectReason.CORRUPT, "WebP data OpenCV cannot decode");
    }
    return image;
  }

  /**
   * Area-reduces an image decoded by ImageIO (PNG, BMP, CMYK JPEG…) whose sides exceed the model
   * input, after converting it to RGB on white as {@link ImageTensorWriter} would; returns a
   * smaller image unchanged. The image returned may be reused by the next call.
   *
   * @throws ImageRejectedException UNSUPPORTED if its colour model has no RGB conversion
   */
  BufferedImage reduce(BufferedImage image) throws ImageRejectedException {
    int width = image.getWidth();
    int height = image.getHeight();
    if (width <= targetWidth && height <= targetHeight) {
      return image;
    }
    long start = System.nanoTime();
    if (rgbRow.length < width) {
      rgbRow = new int[width];
      bgrRow = new byte[3 * width];
    }
    try (BytePointer pixels = new BytePointer(3L * width * height);
        Mat source = new Mat(height, width, CV_8UC3, pixels);
        Mat reduced = new Mat();
        Size size = new Size(Math.min(width, targetWidth), Math.min(height, targetHeight))) {
      for (int y = 0; y < height; y++) {
        converter.convertRow(image, y, rgbRow);
        for (int x = 0, j = 0; x < width; x++, j += 3) {
          int rgb = rgbRow[x];
          bgrRow[j] = (byte) rgb;
          bgrRow[j + 1] = (byte) (rgb >> 8);
          bgrRow[j + 2] = (byte) (rgb >> 16);
        }
        pixels.position(3L * width * y).put(bgrRow, 0, 3 * width);
      }
      pixels.position(0);
      resize(source, reduced, size, 0, 0, INTER_AREA);
      BufferedImage result = copy(reduced);
      reduceNanos += System.nanoTime() - start;
      return result;
    }
  }

  /** Nanoseconds spent decoding, and reducing, since this decoder was made. */
  long decodeNanos() {
    return decodeNanos;
  }

  long reduceNanos() {
    return reduceNanos;
  }

  private int reducedFlags(int shortSide) {
    if (shortSide / 8 >= minSide) {
      return IMREAD_REDUCED_COLOR_8;
    } else if (shortSide / 4 >= minSide) {
      return IMREAD_REDUCED_COLOR_4;
    } else if (shortSide / 2 >= minSide) {
      return IMREAD_REDUCED_COLOR_2;
    }
    return IMREAD_COLOR;
  }

  private BufferedImage decodeAndReduce(byte[] bytes, int length, int flags) {
    long start = System.nanoTime();
    if (encoded.capacity() < length) {
      encoded.close();
      encoded = new BytePointer(length);
    }
    encoded.position(0).put(bytes, 0, length);
    try (Mat source = new Mat(1, length, CV_8U, encoded); Mat decoded = imdecode(source, flags)) {
      long decodedAt = System.nanoTime();
      decodeNanos += decodedAt - start;
      if (decoded.empty()) {
        return null;
      }
      int width = Math.min(decoded.cols(), targetWidth);
      int height = Math.min(decoded.rows(), targetHeight);
      BufferedImage image;
      if (width == decoded.cols() && height == decoded.rows()) {
        image = copy(decoded);
      } else {
        try (Mat reduced = new Mat(); Size size = new Size(width, height)) {
          resize(decoded, reduced, size, 0, 0, INTER_AREA);
          image = copy(reduced);
        }
      }
      reduceNanos += System.nanoTime() - decodedAt;
      return image;
    }
  }

  /** Copies a continuous 8-bit BGR Mat into the reused image, whose bytes are BGR too. */
  private BufferedImage copy(Mat bgr) {
    int width = bgr.cols();
    int height = bgr.rows();
    if (output == null || output.getWidth() != width || output.getHeight() != height) {
      output = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    }
    byte[] pixels = ((DataBufferByte) output.getRaster().getDataBuffer()).getData();
    bgr.data().get(pixels, 0, pixels.length);
    return output;
  }

  @Override
  public void close() {
    encoded.close();
  }
}
