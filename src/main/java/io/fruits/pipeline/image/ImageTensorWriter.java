package io.fruits.pipeline.image;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes one image into its slot of a model input batch: converts it to 8-bit RGB, resizes it to
 * the {@link InputSpec} size and scales each channel, in the spec's layout.
 *
 * <p><b>Colour.</b> Any {@link BufferedImage} is accepted: byte and int RGB are read straight from
 * their buffers; gray (8 or 16 bit) maps to equal R, G and B; palette, 16-bit RGB and other
 * colour models go through their {@code ColorModel}. Transparent pixels are composited onto
 * <em>white</em>, because Fruits-360 photos are shot on white, so a cut-out fruit looks like the
 * training data.
 *
 * <p><b>Resizing</b> is bilinear with half-pixel centres: output pixel d samples source position
 * {@code (d + 0.5) * src / dst - 0.5}, clamped to the edge pixels. This is the convention of
 * TensorFlow 2 {@code tf.image.resize} (bilinear, no antialias) and OpenCV {@code INTER_LINEAR}, so
 * a 100×100 Fruits-360 photo is upscaled to 224×224 as those tools do it. Downscaling is not
 * antialiased either: on the ~512-pixel check photos of the model README this already gives the
 * README's top-1 classes and probabilities. The scaling is affine per channel, so it is applied to
 * the source pixels (by table lookup) before interpolating, which gives the same values as scaling
 * afterwards without rounding the interpolated values to 8 bits.
 *
 * <p><b>Memory.</b> Source rows are converted and resized one at a time, and only those the
 * vertical interpolation reads (at most two per output row), so beyond the decoded image a call
 * needs scratch proportional to the source width, not its area: a 6000×4500 photo costs 24 KB of
 * scratch instead of 108 MB, and at most 448 of its rows are converted.
 *
 * <p>Built for a hot loop: interpolation taps are computed once per source size and scratch arrays
 * grow to the widest image seen and are then reused, so a call allocates nothing once image sizes
 * repeat. Not thread-safe: use one writer per thread.
 */
public final class ImageTensorWriter {

  private final InputSpec spec;
  /** Lookup table per model channel, indexed by the 8-bit component. */
  private final float[][] tables = new float[3][256];
  /** Bit shift of the {@code 0xRRGGBB} component each model channel reads. */
  private final int[] shifts = new int[3];
  /** Where value (x, c) of a resized row goes inside that row: NHWC interleaved, NCHW planar. */
  private final int pixelStride;
  private final int channelStride;
  private final float[] row;
  private final RgbConverter converter = new RgbConverter();
  /** Two source rows after the horizontal pass, in row layout, and which source row each holds. */
  private final float[][] resized;
  private final int[] resizedRow = new int[2];

  /** One source row as {@code 0xRRGGBB}. */
  private int[] pixels = new int[0];
  /** The same row scaled, one array per model channel. */
  private final float[][] scaled = {new float[0], new float[0], new float[0]};
  private Taps xTaps;
  private Taps yTaps;

  public ImageTensorWriter(InputSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    for (int c = 0; c < 3; c++) {
      shifts[c] = 16 - 8 * spec.scaling().rgbComponent(c);
      for (int value = 0; value < 256; value++) {
        tables[c][value] = spec.scaling().apply(c, value);
      }
    }
    boolean nhwc = spec.layout() == PixelLayout.NHWC;
    pixelStride = nhwc ? 3 : 1;
    channelStride = nhwc ? 1 : spec.width();
    row = new float[spec.width() * 3];
    resized = new float[2][row.length];
  }

  /**
   * Writes {@code image} as image number {@code slot} of {@code batch}, which holds whole images
   * laid out per the spec from index 0. Uses absolute puts: the buffer's position is not moved.
   *
   * @throws ImageRejectedException UNSUPPORTED if the image's colour model cannot be converted to
   *     RGB; the slot may then hold part of the image
   * @throws IndexOutOfBoundsException if the slot does not fit below the buffer's limit
   */
  public void write(BufferedImage image, FloatBuffer batch, int slot)
      throws ImageRejectedException {
    int values = spec.valuesPerImage();
    long start = (long) slot * values;
    if (slot < 0 || start + values > batch.limit()) {
      throw new IndexOutOfBoundsException(
          "slot " + slot + " of " + values + " values is outside a buffer of limit "
              + batch.limit());
    }
    int width = image.getWidth();
    int height = image.getHeight();
    byte[] bgr = isPackedBgr(image)
        ? ((DataBufferByte) image.getRaster().getDataBuffer()).getData() : null;
    if (width == spec.width() && height == spec.height() && bgr != null) {
      writeSameSize(bgr, batch, (int) start);
      return;
    }
    if (xTaps == null || xTaps.sourceSize != width) {
      xTaps = new Taps(width, spec.width());
    }
    if (yTaps == null || yTaps.sourceSize != height) {
      yTaps = new Taps(height, spec.height());
    }
    if (pixels.length < width) {
      pixels = new int[width];
      for (int c = 0; c < 3; c++) {
        scaled[c] = new float[width];
      }
    }
    Arrays.fill(resizedRow, -1);
    int base = (int) start;
    int rowValues = row.length;
    for (int y = 0; y < yTaps.low.length; y++) {
      float[] a = resizedSourceRow(image, bgr, yTaps.low[y]);
      float[] b = resizedSourceRow(image, bgr, yTaps.high[y]);
      float f = yTaps.weight[y];
      for (int i = 0; i < rowValues; i++) {
        row[i] = lerp(a[i], b[i], f);
      }
      putRow(batch, base, y);
    }
  }

  /**
   * An 8-bit BGR image already at the spec size (OpenCV's reduced photos): each value is its
   * table entry, as the interpolation's exact identity would give, without its passes.
   */
  private void writeSameSize(byte[] bgr, FloatBuffer batch, int base) {
    int width = spec.width();
    for (int y = 0; y < spec.height(); y++) {
      int rowStart = 3 * width * y;
      for (int c = 0; c < 3; c++) {
        float[] table = tables[c];
        int i = c * channelStride;
        for (int x = 0, j = rowStart + shifts[c] / 8; x < width; x++, i += pixelStride, j += 3) {
          row[i] = table[bgr[j] & 0xff];
        }
      }
      putRow(batch, base, y);
    }
  }

  /** Output row {@code y} from {@link #row} into the slot starting at {@code base}. */
  private void putRow(FloatBuffer batch, int base, int y) {
    int width = spec.width();
    if (pixelStride == 3) {
      batch.put(base + y * row.length, row, 0, row.length);
    } else {
      for (int c = 0; c < 3; c++) {
        batch.put(base + c * width * spec.height() + y * width, row, c * width, width);
      }
    }
  }

  /** 8-bit BGR (byte 0 blue) whose rows are packed from the start of its buffer. */
  private static boolean isPackedBgr(BufferedImage image) {
    Raster raster = image.getRaster();
    return image.getType() == BufferedImage.TYPE_3BYTE_BGR
        && raster.getParent() == null
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0
        && raster.getDataBuffer().getOffset() == 0
        && ((ComponentSampleModel) raster.getSampleModel()).getScanlineStride()
            == 3 * image.getWidth()
        && ((ComponentSampleModel) raster.getSampleModel()).getPixelStride() == 3;
  }

  /**
   * Source row {@code sourceRow} resized to the spec width, converting it unless one of the two
   * cached rows holds it. Callers ask for rows in non-decreasing order, so the lower cached row is
   * the one no longer needed.
   *
   * @param bgr the image's bytes if it is packed BGR, else null
   */
  private float[] resizedSourceRow(BufferedImage image, byte[] bgr, int sourceRow)
      throws ImageRejectedException {
    for (int i = 0; i < 2; i++) {
      if (resizedRow[i] == sourceRow) {
        return resized[i];
      }
    }
    int i = resizedRow[0] <= resizedRow[1] ? 0 : 1;
    if (bgr != null) {
      scaleBgrRow(bgr, 3 * image.getWidth() * sourceRow, image.getWidth());
    } else {
      converter.convertRow(image, sourceRow, pixels);
      scaleRow(image.getWidth());
    }
    resizeRow(resized[i]);
    resizedRow[i] = sourceRow;
    return resized[i];
  }

  /**
   * Maps each source pixel of {@link #pixels} through the lookup tables once, before the
   * horizontal pass reads each of them up to 2 × 224 / width times (4.5 times for 100 pixels).
   */
  private void scaleRow(int width) {
    for (int c = 0; c < 3; c++) {
      float[] table = tables[c];
      float[] out = scaled[c];
      int shift = shifts[c];
      for (int x = 0; x < width; x++) {
        out[x] = table[pixels[x] >> shift & 0xff];
      }
    }
  }

  /**
   * {@link #scaleRow} straight from the bytes of a packed BGR row (OpenCV's decodes, among them
   * every Fruits-360 photo), without packing each pixel into an int first: byte {@code shift / 8}
   * of a pixel is the component the shift selects.
   */
  private void scaleBgrRow(byte[] bgr, int rowStart, int width) {
    for (int c = 0; c < 3; c++) {
      float[] table = tables[c];
      float[] out = scaled[c];
      for (int x = 0, j = rowStart + shifts[c] / 8; x < width; x++, j += 3) {
        out[x] = table[bgr[j] & 0xff];
      }
    }
  }

  /**
   * Horizontal pass: {@link #scaled} to spec width. Output pixels come in runs that share their
   * two source pixels (2.24 a run when 100 pixels become 224); each run reads them and their
   * difference once, so {@code a + (b - a) * f} is computed as {@link #lerp} does, bit for bit,
   * without a gather per channel and output pixel (those took half the time of a 100×100 photo).
   */
  private void resizeRow(float[] into) {
    int[] low = xTaps.low;
    int[] high = xTaps.high;
    float[] weight = xTaps.weight;
    float[] s0 = scaled[0];
    float[] s1 = scaled[1];
    float[] s2 = scaled[2];
    int c1 = channelStride;
    int c2 = 2 * channelStride;
    for (int x = 0, i = 0; x < low.length; ) {
      int lo = low[x];
      int hi = high[x];
      float a0 = s0[lo];
      float a1 = s1[lo];
      float a2 = s2[lo];
      float d0 = s0[hi] - a0;
      float d1 = s1[hi] - a1;
      float d2 = s2[hi] - a2;
      do {
        float f = weight[x];
        into[i] = a0 + d0 * f;
        into[i + c1] = a1 + d1 * f;
        into[i + c2] = a2 + d2 * f;
        x++;
        i += pixelStride;
      } while (x < low.length && low[x] == lo);
    }
  }

  /** Exact at f = 0 and for equal ends, so flat regions keep their exact table values. */
  private static float lerp(float a, float b, float f) {
    return a + (b - a) * f;
  }

  /** The two source indices and the weight of the second for each output index of one axis. */
  private static final class Taps {
    final int sourceSize;
    final int[] low;
    final int[] high;
    final float[] weight;

    Taps(int sourceSize, int targetSize) {
      this.sourceSize = sourceSize;
      low = new int[targetSize];
      high = new int[targetSize];
      weight = new float[targetSize];
      double scale = (double) sourceSize / targetSize;
      for (int d = 0; d < targetSize; d++) {
        double s = Math.min(Math.max((d + 0.5) * scale - 0.5, 0), sourceSize - 1);
        low[d] = (int) s;
        high[d] = Math.min(low[d] + 1, sourceSize - 1);
        weight[d] = (float) (s - low[d]);
      }
    }
  }
}
