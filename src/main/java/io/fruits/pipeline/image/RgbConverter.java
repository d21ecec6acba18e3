package io.fruits.pipeline.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Turns any {@link BufferedImage} into 8-bit RGB pixels packed as {@code 0xRRGGBB}, compositing
 * transparency onto white. Keeps one scratch array sized for the largest image seen; not
 * thread-safe.
 */
final class RgbConverter {

  private int[] pixels = new int[0];
  private int[] samples = new int[0];

  /**
   * The pixels of {@code image}, row-major. The array may be a reused scratch array or the image's
   * own buffer and may be longer than width × height; read it before the next call and do not
   * write to it.
   */
  int[] convert(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    int count = Math.multiplyExact(width, height);
    Raster raster = image.getRaster();
    boolean whole = raster.getParent() == null
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0;
    if (whole && image.getType() == BufferedImage.TYPE_INT_RGB
        && ((SinglePixelPackedSampleModel) raster.getSampleModel()).getScanlineStride() == width
        && raster.getDataBuffer().getOffset() == 0) {
      // The alpha byte of TYPE_INT_RGB is undefined; readers mask each component.
      return ((DataBufferInt) raster.getDataBuffer()).getData();
    }
    int[] out = pixels(count);
    if (whole && image.getType() == BufferedImage.TYPE_3BYTE_BGR
        && ((ComponentSampleModel) raster.getSampleModel()).getScanlineStride() == width * 3
        && raster.getDataBuffer().getOffset() == 0) {
      byte[] bgr = ((DataBufferByte) raster.getDataBuffer()).getData();
      for (int i = 0, j = 0; i < count; i++, j += 3) {
        out[i] = (bgr[j + 2] & 0xff) << 16 | (bgr[j + 1] & 0xff) << 8 | (bgr[j] & 0xff);
      }
    } else if (isIntegerGray(image)) {
      convertGray(raster, count, out);
    } else {
      // Palette, RGB with alpha, 16-bit RGB, other colour spaces: ColorModel does the mapping.
      image.getRGB(0, 0, width, height, out, 0, width);
      if (image.getColorModel().hasAlpha()) {
        for (int i = 0; i < count; i++) {
          out[i] = onWhite(out[i]);
        }
      }
    }
    return out;
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
  private void convertGray(Raster raster, int count, int[] out) {
    int bands = raster.getNumBands();
    int bits = raster.getSampleModel().getSampleSize(0);
    int max = (1 << bits) - 1;
    if (samples.length < count * bands) {
      samples = new int[count * bands];
    }
    raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), samples);
    for (int i = 0; i < count; i++) {
      int gray = to8Bit(samples[i * bands], max);
      int rgb = gray << 16 | gray << 8 | gray;
      out[i] = bands == 1 ? rgb : onWhite(to8Bit(samples[i * bands + 1], max) << 24 | rgb);
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

  private int[] pixels(int count) {
    if (pixels.length < count) {
      pixels = new int[count];
    }
    return pixels;
  }
}
