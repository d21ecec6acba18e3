package io.fruits.pipeline.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the bytes of an image file with ImageIO, or says why it cannot ({@link RejectReason}).
 *
 * <p>The size declared in the header is checked before any pixel is decoded, so a small file that
 * claims a huge canvas (a decompression bomb) is rejected without allocating it: its pixels
 * against the limit, and the bytes of the raster the reader would allocate against {@value
 * #MAX_BYTES_PER_PIXEL} per allowed pixel. BMP and PNG headers are first checked against the file's
 * length ({@link BmpHeader}, {@link PngChunks}): readers size palettes and chunk buffers from
 * them. Whichever reader
 * ImageIO offers first for the format is used (with TwelveMonkeys on the class path, its JPEG
 * reader, which also handles CMYK and YCCK). Stateless, so one instance may be shared by threads.
 */
public final class ImageDecoder {

  private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

  /** A decoded raster may hold this many bytes per pixel the limit allows (8-bit RGBA). */
  static final int MAX_BYTES_PER_PIXEL = 4;

  private final long maxPixels;

  /** @param maxPixels largest width × height accepted, see {@link ImageKeys#MAX_PIXELS} */
  public ImageDecoder(long maxPixels) {
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
    }
    this.maxPixels = maxPixels;
  }

  /**
   * Decodes the first image in {@code bytes[0, length)}.
   *
   * @throws ImageRejectedException EMPTY_FILE, NOT_AN_IMAGE, TOO_LARGE, UNSUPPORTED or CORRUPT
   */
  public BufferedImage decode(byte[] bytes, int length) throws ImageRejectedException {
    Objects.checkFromIndexSize(0, length, bytes.length);
    if (length == 0) {
      throw new ImageRejectedException(RejectReason.EMPTY_FILE, "0 bytes");
    }
    if (BmpHeader.isBmp(bytes, length)) {
      BmpHeader.check(bytes, length, maxPixels);
    } else if (PngChunks.isPng(bytes, length)) {
      PngChunks.check(bytes, length);
    }
    // A memory cache, not ImageIO.createImageInputStream, which may spill to a temporary file.
    try (ImageInputStream in =
        new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes, 0, length))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new ImageRejectedException(
            RejectReason.NOT_AN_IMAGE, "no ImageIO reader recognises these " + length + " bytes");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return read(reader);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      // Only closing the in-memory stream can get here; read() turns read failures into CORRUPT.
      throw new UncheckedIOException(e);
    }
  }

  private BufferedImage read(ImageReader reader) throws ImageRejectedException {
    String format = reader.getOriginatingProvider().getFormatNames()[0];
    DamageListener damage = new DamageListener();
    reader.addIIOReadWarningListener(damage);
    try {
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width <= 0 || height <= 0) {
        throw new ImageRejectedException(
            RejectReason.CORRUPT, format + " header declares " + width + "x" + height);
      }
      PixelLimit.check(format, width, height, maxPixels);
      // A reader that knows the format but offers no destination type (the JDK JPEG reader on
      // CMYK) would otherwise fail in read() and look corrupt.
      Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
      if (!types.hasNext()) {
        throw new ImageRejectedException(
            RejectReason.UNSUPPORTED,
            format + " colour model has no RGB conversion in this reader");
      }
      // read() allocates the first type's raster: 16-bit RGBA takes 8 bytes a pixel.
      long bytesPerPixel = bytesPerPixel(types.next());
      // In doubles: the bench's unlimited maxPixels would overflow a long product.
      if ((double) width * height * bytesPerPixel > (double) MAX_BYTES_PER_PIXEL * maxPixels) {
        throw new ImageRejectedException(RejectReason.TOO_LARGE, format + " " + width + "x"
            + height + " at " + bytesPerPixel + " bytes a pixel decodes to more than "
            + MAX_BYTES_PER_PIXEL + " bytes for each of the " + maxPixels + " pixels allowed");
      }
      BufferedImage image = reader.read(0);
      if (damage.firstDamage != null) {
        throw new ImageRejectedException(RejectReason.CORRUPT, format + ": " + damage.firstDamage);
      }
      return image;
    } catch (IOException | RuntimeException e) {
      // Broken files make readers throw anything from IIOException to IndexOutOfBounds.
      throw ImageRejectedException.caused(RejectReason.CORRUPT, format, e);
    }
  }

  private static long bytesPerPixel(ImageTypeSpecifier type) {
    SampleModel model = type.getSampleModel(1, 1);
    return (long) model.getNumDataElements() * DataBuffer.getDataTypeSize(model.getDataType()) / 8;
  }

  /**
   * Remembers the first warning that reports damaged pixel data. Readers repair truncated or
   * corrupt data silently (a cut JPEG comes back with a grey lower part) and say so only in a
   * warning; the message text is the only thing that tells those apart from harmless ones such as
   * an ignored ICC profile.
   */
  private static final class DamageListener implements IIOReadWarningListener {
    private String firstDamage;

    @Override
    public void warningOccurred(ImageReader source, String warning) {
      String lower = warning.toLowerCase(Locale.ROOT);
      boolean damaged = lower.contains("truncated")
          || lower.contains("premature end")
          || lower.contains("corrupt");
      if (damaged && firstDamage == null) {
        firstDamage = warning;
      } else if (!damaged) {
        LOG.debug("ignored reader warning: {}", warning);
      }
    }
  }
}
