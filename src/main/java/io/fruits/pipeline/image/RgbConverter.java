package io.fruits.pipeline.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Turns one row at a time of any {@link BufferedImage} into 8-bit RGB pixels packed as {@code
 * 0xRRGGBB}, compositing transparency onto white. Working by rows keeps the scratch memory
 * proportional to the image's width, not its area. Keeps one scratch array sized for the widest
 * image seen; not thread-safe.
 */
final class RgbConverter {

  private int[] samples = new int[0];

  /**
   * Writes row {@code y} of {@code image} into {@code out[0, width)}.
   *
   * @throws ImageRejectedException UNSUPPORTED if the image's colour model fails to produce RGB,
   *     as one built on a broken embedded ICC profile does
   */
  void convertRow(BufferedImage image, int y, int[] out) throws ImageRejectedException {
    int width = image.getWidth();
    Raster raster = image.getRaster();
    boolean whole = raster.getParent() == null
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0
        && raster.getDataBuffer().getOffset() == 0;
    if (whole && image.getType() == BufferedImage.TYPE_INT_RGB) {
      int[] data = ((DataBufferInt) raster.getDataBuffer()).getData();
      int start = y * ((SinglePixelPackedSampleModel) raster.getSampleModel()).getScanlineStride();
      // The alpha byte of TYPE_INT_RGB is undefined.
      for (int x = 0; x < width; x++) {
        out[x] = data[start + x] & 0xffffff;
      }
    } else if (whole && image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      byte[] bgr = ((DataBufferByte) raster.getDataBuffer()).getData();
      int j = y * ((ComponentSampleModel) raster.getSampleModel()).getScanlineStride();
      for (int x = 0; x < width; x++, j += 3) {
        out[x] = (bgr[j + 2] & 0xff) << 16 | (bgr[j + 1] & 0xff) << 8 | (bgr[j] & 0xff);
      }
    } else if (isIntegerGray(image)) {
      convertGray(raster, y, width, out);
    } else {
      convertThroughColorModel(image, y, width, out);
    }
  }

  private static boolean isIntegerGray(BufferedImage image) {
    int dataType = image.getRaster().getDataBuffer().getDataType();
    return image.getColorModel() instanceof ComponentColorModel
        && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && (dataType == DataBuffer.TYPE_BYTE || dataType == DataBuffer.TYPE_USHORT);
  }

  /**
   * Reads gray samples directly: {@code getRGB} would treat Java's linear gray colour space as
   * such and brighten every value, whereas decoders (libjpeg, PIL, TensorFlow) map gray v to
   * RGB (v, v, v). Samples of more than 8 bits are rounded to 8.
   */
  private void convertGray(Raster raster, int y, int width, int[] out) {
    int bands = raster.getNumBands();
    int max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
    if (samples.length < width * bands) {
      samples = new int[width * bands];
    }
    raster.getPixels(0, y, width, 1, samples);
    for (int x = 0; x < width; x++) {
      int gray = to8Bit(samples[x * bands], max);
      int rgb = gray << 16 | gray << 8 | gray;
      out[x] = bands == 1 ? rgb : onWhite(to8Bit(samples[x * bands + 1], max) << 24 | rgb);
    }
  }

  /** Palette, RGB with alpha, 16-bit RGB, CMYK and other colour spaces: the ColorModel maps. */
  private static void convertThroughColorModel(BufferedImage image, int y, int width, int[] out)
      throws ImageRejectedException {
    ColorModel model = image.getColorModel();
    try {
      image.getRGB(0, y, width, 1, out, 0, width);
    } catch (RuntimeException e) {
      // Colour conversion runs in the colour space (LCMS for ICC profiles), which throws
      // CMMException, IllegalArgumentException and the like for profiles it cannot use.
      throw ImageRejectedException.caused(RejectReason.UNSUPPORTED,
          "RGB from " + model.getClass().getSimpleName() + " in "
              + model.getColorSpace().getClass().getSimpleName(), e);
    }
    if (model.hasAlpha()) {
      for (int x = 0; x < width; x++) {
        out[x] = onWhite(out[x]);
      }
    } else {
      for (int x = 0; x < width; x++) {
        out[x] &= 0xffffff;
      }
    }
  }

  private static int to8Bit(int sample, int max) {
    return max == 255 ? sample : (sample * 255 + max / 2) / max;
  }

  /** Composites a non-premultiplied ARGB pixel onto white and returns it opaque, rounded. */
  private static int onWhite(int argb) {
    int alpha = argb >>> 24;
    if (alpha == 255) {
      return argb & 0xffffff;
    }
    int white = 255 * (255 - alpha) + 127;
    int r = ((argb >> 16 & 0xff) * alpha + white) / 255;
    int g = ((argb >> 8 & 0xff) * alpha + white) / 255;
    int b = ((argb & 0xff) * alpha + white) / 255;
    return r << 16 | g << 8 | b;
  }
}
