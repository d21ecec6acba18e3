package io.fruits.pipeline.image;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
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
 * <p>Built for a hot loop: interpolation taps are computed once per source size and scratch arrays
 * grow to the largest image seen and are then reused, so a call allocates nothing once image sizes
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

  /** Source rows after the horizontal pass: {@code height × spec.width × 3} in row layout. */
  private float[] rows = new float[0];
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
  }

  public InputSpec spec() {
    return spec;
  }

  /**
   * Writes {@code image} as image number {@code slot} of {@code batch}, which holds whole images
   * laid out per the spec from index 0. Uses absolute puts: the buffer's position is not moved.
   *
   * @throws IndexOutOfBoundsException if the slot does not fit below the buffer's limit
   */
  public void write(BufferedImage image, FloatBuffer batch, int slot) {
    int values = spec.valuesPerImage();
    long start = (long) slot * values;
    if (slot < 0 || start + values > batch.limit()) {
      throw new IndexOutOfBoundsException(
          "slot " + slot + " of " + values + " values is outside a buffer of limit "
              + batch.limit());
    }
    int base = (int) start;
    int width = image.getWidth();
    int height = image.getHeight();
    int[] pixels = converter.convert(image);
    if (xTaps == null || xTaps.sourceSize != width) {
      xTaps = new Taps(width, spec.width());
    }
    if (yTaps == null || yTaps.sourceSize != height) {
      yTaps = new Taps(height, spec.height());
    }
    resizeRows(pixels, width, height);
    resizeColumns(batch, base);
  }

  /** Horizontal pass: every source row to spec width, scaled through the lookup tables. */
  private void resizeRows(int[] pixels, int width, int height) {
    int rowValues = row.length;
    if (rows.length < height * rowValues) {
      rows = new float[height * rowValues];
    }
    float[] t0 = tables[0];
    float[] t1 = tables[1];
    float[] t2 = tables[2];
    int s0 = shifts[0];
    int s1 = shifts[1];
    int s2 = shifts[2];
    for (int y = 0; y < height; y++) {
      int src = y * width;
      int dst = y * rowValues;
      for (int x = 0; x < xTaps.low.length; x++) {
        int p = pixels[src + xTaps.low[x]];
        int q = pixels[src + xTaps.high[x]];
        float f = xTaps.weight[x];
        int i = dst + x * pixelStride;
        rows[i] = lerp(t0[p >> s0 & 0xff], t0[q >> s0 & 0xff], f);
        rows[i + channelStride] = lerp(t1[p >> s1 & 0xff], t1[q >> s1 & 0xff], f);
        rows[i + 2 * channelStride] = lerp(t2[p >> s2 & 0xff], t2[q >> s2 & 0xff], f);
      }
    }
  }

  /** Vertical pass: blends two resized rows per output row and bulk-puts it into the batch. */
  private void resizeColumns(FloatBuffer batch, int base) {
    int rowValues = row.length;
    int planeValues = spec.width() * spec.height();
    for (int y = 0; y < yTaps.low.length; y++) {
      int a = yTaps.low[y] * rowValues;
      int b = yTaps.high[y] * rowValues;
      float f = yTaps.weight[y];
      for (int i = 0; i < rowValues; i++) {
        row[i] = lerp(rows[a + i], rows[b + i], f);
      }
      if (pixelStride == 3) {
        batch.put(base + y * rowValues, row, 0, rowValues);
      } else {
        for (int c = 0; c < 3; c++) {
          batch.put(base + c * planeValues + y * spec.width(), row, c * spec.width(), spec.width());
        }
      }
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
