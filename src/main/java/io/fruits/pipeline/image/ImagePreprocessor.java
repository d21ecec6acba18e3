package io.fruits.pipeline.image;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.time.Duration;

/**
 * Turns the bytes of an image file into one model input in a batch slot, or says why it cannot:
 * the single entry point from file bytes to tensor.
 *
 * <ul>
 *   <li>JPEG (gray or colour) and WebP: {@link OpenCvDecoder}, a reduced-size decode in EXIF
 *       orientation, then an area reduction of each side larger than the model input; a JPEG
 *       whose structure is damaged after its header (cut short, stray markers) is CORRUPT;
 *   <li>HEIC/HEIF/AVIF: rejected as UNSUPPORTED, naming the format;
 *   <li>everything else, and the JPEGs OpenCV is not given or fails on (CMYK/YCCK, a header cut
 *       before the first scan): {@link ImageDecoder} (ImageIO with TwelveMonkeys), which also
 *       decides the reject reason of a broken file as before.
 * </ul>
 *
 * Every side larger than the model input is area-averaged down to it (ImageIO's images after
 * their conversion to RGB on white). Decoding runs on a {@link DecodeWorker}, so a decode that
 * throws or runs too long rejects its file and never stops the task. Then {@link
 * ImageTensorWriter} converts to RGB, enlarges bilinearly what is smaller than the model input
 * (Fruits-360's 100×100 photos) and scales. Not thread-safe; holds native memory and a thread,
 * so close it when done.
 */
public final class ImagePreprocessor implements AutoCloseable {

  private final DecodeWorker<Decoders> worker;
  private final ImageTensorWriter writer;

  /**
   * @param maxPixels largest width × height accepted, see {@link ImageKeys#MAX_PIXELS}
   * @param decodeTimeout longest decode, see {@link ImageKeys#DECODE_TIMEOUT}
   */
  public ImagePreprocessor(InputSpec spec, long maxPixels, Duration decodeTimeout) {
    worker = new DecodeWorker<>(() -> new Decoders(spec, maxPixels), decodeTimeout);
    writer = new ImageTensorWriter(spec);
  }

  /**
   * Decodes {@code bytes[0, length)} and writes the image as number {@code slot} of {@code batch}
   * (see {@link ImageTensorWriter#write}). The bytes must stay unchanged until this returns.
   *
   * @throws ImageRejectedException EMPTY_FILE, NOT_AN_IMAGE, TOO_LARGE, UNSUPPORTED, CORRUPT or
   *     TIMED_OUT
   * @throws InterruptedException if interrupted while waiting for the decode
   */
  public void write(byte[] bytes, int length, FloatBuffer batch, int slot)
      throws ImageRejectedException, InterruptedException {
    writer.write(worker.run(decoders -> decoders.decode(bytes, length)), batch, slot);
  }

  /** Nanoseconds OpenCV spent decoding since the current decoders were made (for the benchmark). */
  public long nativeDecodeNanos() {
    return worker.decoders().openCv.decodeNanos();
  }

  /** Nanoseconds OpenCV spent on area reductions since the current decoders were made. */
  public long nativeReduceNanos() {
    return worker.decoders().openCv.reduceNanos();
  }

  @Override
  public void close() {
    worker.close();
  }

  /** The decoders one worker thread uses; the image they return is reused by the next decode. */
  private static final class Decoders implements AutoCloseable {
    private final ImageDecoder imageIo;
    private final OpenCvDecoder openCv;

    Decoders(InputSpec spec, long maxPixels) {
      imageIo = new ImageDecoder(maxPixels);
      openCv = new OpenCvDecoder(maxPixels, spec.width(), spec.height());
    }

    BufferedImage decode(byte[] bytes, int length) throws ImageRejectedException {
      ImageFormat format = length == 0 ? ImageFormat.OTHER : ImageFormat.of(bytes, length);
      if (format == ImageFormat.HEIF) {
        throw new ImageRejectedException(RejectReason.UNSUPPORTED, "HEIF image (ftyp brand '"
            + ImageFormat.heifBrand(bytes, length) + "'): HEIC/HEIF/AVIF is not decoded");
      }
      if (format == ImageFormat.JPEG || format == ImageFormat.WEBP) {
        BufferedImage image = openCv.decode(bytes, length, format);
        if (image != null) {
          return image;
        }
      }
      return openCv.reduce(imageIo.decode(bytes, length));
    }

    @Override
    public void close() {
      openCv.close();
    }
  }
}
