package io.fruits.pipeline.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Transparency;
import java.awt.color.CMMException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageTensorWriterTest {

  private static final InputSpec MODEL_SPEC =
      new InputSpec(224, 224, PixelLayout.NHWC, PixelScaling.TF);

  @Test
  void constantColourScalesToExactValues() throws ImageRejectedException {
    BufferedImage image = filled(100, 100, BufferedImage.TYPE_3BYTE_BGR, 0xff0033);
    float[] values = writeOne(image, MODEL_SPEC);
    assertEquals(224 * 224 * 3, values.length);
    for (int i = 0; i < values.length; i += 3) {
      assertEquals(1f, values[i]);
      assertEquals(-1f, values[i + 1]);
      assertEquals((float) (0x33 / 127.5 - 1), values[i + 2]);
    }
  }

  @Test
  void horizontalGradientFollowsHalfPixelBilinear() throws ImageRejectedException {
    for (int sourceWidth : new int[] {100, 500}) {
      int[] levels = new int[sourceWidth];
      BufferedImage gradient = new BufferedImage(sourceWidth, 3, BufferedImage.TYPE_INT_RGB);
      for (int x = 0; x < sourceWidth; x++) {
        levels[x] = x * 255 / (sourceWidth - 1);
        for (int y = 0; y < 3; y++) {
          gradient.setRGB(x, y, levels[x] * 0x010101);
        }
      }
      float[] values = writeOne(gradient, MODEL_SPEC);
      for (int y : new int[] {0, 111, 223}) {
        float previous = Float.NEGATIVE_INFINITY;
        for (int x = 0; x < 224; x++) {
          // Half-pixel centre of output column x in source coordinates, clamped to the edges.
          double s = Math.min(Math.max((x + 0.5) * sourceWidth / 224 - 0.5, 0), sourceWidth - 1);
          int left = (int) Math.floor(s);
          int right = Math.min(left + 1, sourceWidth - 1);
          double level = levels[left] + (levels[right] - levels[left]) * (s - left);
          for (int c = 0; c < 3; c++) {
            assertEquals(level / 127.5 - 1, values[(y * 224 + x) * 3 + c], 1e-5,
                "column " + x + " from width " + sourceWidth);
          }
          float value = values[(y * 224 + x) * 3];
          assertTrue(value >= previous, "not monotonic at column " + x);
          previous = value;
        }
        if (sourceWidth < 224) {
          // Upscaling: the outer output columns fall outside the source centres and clamp.
          assertEquals(-1f, values[y * 224 * 3]);
          assertEquals(1f, values[(y * 224 + 223) * 3]);
        }
      }
    }
  }

  /**
   * Every value of noisy colour photos, upscaled and downscaled, in both layouts and all three
   * scalings, against a direct double-precision evaluation of the documented formula.
   */
  @Test
  void everyValueMatchesBilinearOfTheScaledSourcePixels() throws ImageRejectedException {
    InputSpec[] specs = {
        MODEL_SPEC,
        new InputSpec(64, 48, PixelLayout.NCHW, PixelScaling.TORCH),
        new InputSpec(224, 224, PixelLayout.NHWC, PixelScaling.CAFFE)};
    for (InputSpec spec : specs) {
      for (BufferedImage image : new BufferedImage[] {
          ImageDecoderTest.noise(100, 100), ImageDecoderTest.noise(300, 170)}) {
        float[] values = writeOne(image, spec);
        for (int y = 0; y < spec.height(); y++) {
          double sy = sourcePosition(y, image.getHeight(), spec.height());
          for (int x = 0; x < spec.width(); x++) {
            double sx = sourcePosition(x, image.getWidth(), spec.width());
            for (int c = 0; c < 3; c++) {
              int index = spec.layout() == PixelLayout.NHWC
                  ? (y * spec.width() + x) * 3 + c
                  : (c * spec.height() + y) * spec.width() + x;
              assertEquals(bilinear(image, spec.scaling(), c, sx, sy), values[index], 1e-4,
                  spec + " (" + x + ", " + y + ") channel " + c + " of " + image.getWidth()
                      + "x" + image.getHeight());
            }
          }
        }
      }
    }
  }

  /**
   * An 8-bit BGR image already at the input size (a reduced photo from OpenCV) skips the
   * interpolation: every value must be exactly the scaled source pixel, as the same pixels in an
   * int RGB image (the general path) give, in both layouts and all three scalings.
   */
  @Test
  void bgrAtTheInputSizeGivesExactlyTheGeneralPathsValues() throws ImageRejectedException {
    for (InputSpec spec : new InputSpec[] {
        MODEL_SPEC,
        new InputSpec(64, 48, PixelLayout.NCHW, PixelScaling.TORCH),
        new InputSpec(224, 224, PixelLayout.NHWC, PixelScaling.CAFFE)}) {
      BufferedImage rgb = ImageDecoderTest.noise(spec.width(), spec.height());
      BufferedImage bgr =
          new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_3BYTE_BGR);
      bgr.getGraphics().drawImage(rgb, 0, 0, null);
      float[] values = writeOne(bgr, spec);
      assertArrayEquals(writeOne(rgb, spec), values, 0f, spec.toString());
      int last = spec.layout() == PixelLayout.NHWC ? values.length - 1
          : spec.width() * spec.height() - 1; // channel 0 of the last pixel
      int lastChannel = spec.layout() == PixelLayout.NHWC ? 2 : 0;
      assertEquals(scaled(rgb, spec.scaling(), lastChannel, spec.width() - 1, spec.height() - 1),
          values[last], 1e-6, spec.toString());
    }
  }

  /**
   * An 8-bit BGR image of another size (a Fruits-360 photo from OpenCV) is read straight from its
   * bytes: its values must be exactly those of the same pixels in an int RGB image, enlarged and
   * reduced, in both layouts.
   */
  @Test
  void bgrOfAnySizeGivesExactlyTheGeneralPathsValues() throws ImageRejectedException {
    for (InputSpec spec : new InputSpec[] {
        MODEL_SPEC, new InputSpec(64, 48, PixelLayout.NCHW, PixelScaling.TORCH)}) {
      for (int[] size : new int[][] {{100, 100}, {300, 170}, {1, 1}}) {
        BufferedImage rgb = ImageDecoderTest.noise(size[0], size[1]);
        BufferedImage bgr = new BufferedImage(size[0], size[1], BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(rgb, 0, 0, null);
        assertArrayEquals(writeOne(rgb, spec), writeOne(bgr, spec), 0f,
            spec + " from " + size[0] + "x" + size[1]);
      }
    }
  }

  /** Half-pixel centres, clamped to the edge pixels. */
  private static double sourcePosition(int d, int sourceSize, int targetSize) {
    return Math.min(Math.max((d + 0.5) * sourceSize / targetSize - 0.5, 0), sourceSize - 1);
  }

  private static double bilinear(
      BufferedImage image, PixelScaling scaling, int channel, double sx, double sy) {
    int x0 = (int) sx;
    int y0 = (int) sy;
    int x1 = Math.min(x0 + 1, image.getWidth() - 1);
    int y1 = Math.min(y0 + 1, image.getHeight() - 1);
    double fx = sx - x0;
    double fy = sy - y0;
    double top = scaled(image, scaling, channel, x0, y0) * (1 - fx)
        + scaled(image, scaling, channel, x1, y0) * fx;
    double bottom = scaled(image, scaling, channel, x0, y1) * (1 - fx)
        + scaled(image, scaling, channel, x1, y1) * fx;
    return top * (1 - fy) + bottom * fy;
  }

  private static double scaled(BufferedImage image, PixelScaling scaling, int channel, int x, int y) {
    int component = image.getRGB(x, y) >> (16 - 8 * scaling.rgbComponent(channel)) & 0xff;
    return scaling.apply(channel, component);
  }

  @Test
  void redPixelLandsWhereTheLayoutSays() throws ImageRejectedException {
    // 3 wide, 2 high, black except red at x = 2, y = 1; same size, so no interpolation.
    BufferedImage image = filled(3, 2, BufferedImage.TYPE_INT_RGB, 0x000000);
    image.setRGB(2, 1, 0xff0000);

    float[] nhwc = writeOne(image, new InputSpec(3, 2, PixelLayout.NHWC, PixelScaling.TF));
    float[] expected = new float[18];
    Arrays.fill(expected, -1f);
    expected[(1 * 3 + 2) * 3] = 1f;
    assertArrayEquals(expected, nhwc);

    float[] nchw = writeOne(image, new InputSpec(3, 2, PixelLayout.NCHW, PixelScaling.TF));
    Arrays.fill(expected, -1f);
    expected[1 * 3 + 2] = 1f;
    assertArrayEquals(expected, nchw);
  }

  @Test
  void writesOnlyItsSlotAndKeepsThePosition() throws ImageRejectedException {
    InputSpec spec = new InputSpec(4, 4, PixelLayout.NCHW, PixelScaling.TF);
    FloatBuffer batch = direct(3 * 48);
    for (int i = 0; i < batch.capacity(); i++) {
      batch.put(i, Float.NaN);
    }
    batch.position(5);
    ImageTensorWriter writer = new ImageTensorWriter(spec);
    writer.write(filled(8, 8, BufferedImage.TYPE_INT_RGB, 0xffffff), batch, 1);

    assertEquals(5, batch.position());
    for (int i = 0; i < batch.capacity(); i++) {
      if (i >= 48 && i < 96) {
        assertEquals(1f, batch.get(i), "index " + i);
      } else {
        assertTrue(Float.isNaN(batch.get(i)), "index " + i + " outside slot 1 was written");
      }
    }
    BufferedImage image = filled(8, 8, BufferedImage.TYPE_INT_RGB, 0);
    assertThrows(IndexOutOfBoundsException.class, () -> writer.write(image, batch, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> writer.write(image, batch, -1));
  }

  @Test
  void grayMapsToEqualChannels() throws ImageRejectedException {
    BufferedImage gray = new BufferedImage(5, 5, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 5; x++) {
        gray.getRaster().setSample(x, y, 0, 77);
      }
    }
    float[] values = writeOne(gray, new InputSpec(5, 5, PixelLayout.NHWC, PixelScaling.TF));
    assertAllEqual((float) (77 / 127.5 - 1), values);
  }

  @Test
  void sixteenBitGrayPngRoundsTo8Bits() throws IOException, ImageRejectedException {
    BufferedImage source = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
    source.getRaster().setSample(0, 0, 0, 0);
    source.getRaster().setSample(1, 0, 0, 100 * 257);
    source.getRaster().setSample(2, 0, 0, 65535);
    byte[] png = ImageDecoderTest.encode(source, "png");
    BufferedImage decoded = new ImageDecoder(1000).decode(png, png.length);
    assertEquals(16, decoded.getColorModel().getComponentSize(0), "not decoded as 16-bit");

    float[] values = writeOne(decoded, new InputSpec(3, 1, PixelLayout.NHWC, PixelScaling.TF));
    float[] expected = new float[9];
    Arrays.fill(expected, 0, 3, -1f);
    Arrays.fill(expected, 3, 6, (float) (100 / 127.5 - 1));
    Arrays.fill(expected, 6, 9, 1f);
    assertArrayEquals(expected, values);
  }

  @Test
  void paletteColoursAreLookedUp() throws ImageRejectedException {
    byte[] r = {10, (byte) 200};
    byte[] g = {20, (byte) 150};
    byte[] b = {30, (byte) 100};
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED,
        new IndexColorModel(1, 2, r, g, b));
    image.getRaster().setSample(0, 0, 0, 1);
    image.getRaster().setSample(1, 0, 0, 0);
    float[] values = writeOne(image, new InputSpec(2, 1, PixelLayout.NHWC, PixelScaling.CAFFE));
    // CAFFE: blue, green, red, each minus its ImageNet mean.
    float[] expected = {
      (float) (100 - 103.939), (float) (150 - 116.779), (float) (200 - 123.68),
      (float) (30 - 103.939), (float) (20 - 116.779), (float) (10 - 123.68)
    };
    assertArrayEquals(expected, values, 1e-4f);
  }

  @Test
  void transparencyIsCompositedOntoWhite() throws ImageRejectedException {
    BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(0, 0, 0x00ff0000); // fully transparent red: white
    image.setRGB(1, 0, 0xff0000ff); // opaque blue
    image.setRGB(2, 0, 0x80000000); // half-transparent black: 255 * (1 - 128 / 255) = 127
    float[] values = writeOne(image, new InputSpec(3, 1, PixelLayout.NHWC, PixelScaling.TF));
    float level127 = (float) (127 / 127.5 - 1);
    float[] expected = {1f, 1f, 1f, -1f, -1f, 1f, level127, level127, level127};
    assertArrayEquals(expected, values, 1e-6f);
  }

  @Test
  void torchScalingUsesImagenetMeanAndStd() throws ImageRejectedException {
    BufferedImage image = filled(10, 10, BufferedImage.TYPE_INT_RGB, 200 << 16 | 100 << 8 | 50);
    float[] values = writeOne(image, new InputSpec(7, 7, PixelLayout.NCHW, PixelScaling.TORCH));
    double[] expected = {
      (200 / 255.0 - 0.485) / 0.229, (100 / 255.0 - 0.456) / 0.224, (50 / 255.0 - 0.406) / 0.225
    };
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 49; i++) {
        assertEquals(expected[c], values[c * 49 + i], 1e-5, "channel " + c);
      }
    }
  }

  @Test
  void caffeScalingIsBgrMinusMean() throws ImageRejectedException {
    BufferedImage image = filled(10, 10, BufferedImage.TYPE_3BYTE_BGR, 200 << 16 | 100 << 8 | 50);
    float[] values = writeOne(image, new InputSpec(7, 7, PixelLayout.NHWC, PixelScaling.CAFFE));
    double[] expected = {50 - 103.939, 100 - 116.779, 200 - 123.68};
    for (int i = 0; i < values.length; i++) {
      assertEquals(expected[i % 3], values[i], 1e-4, "index " + i);
    }
  }

  @Test
  void reusedWriterMatchesAFreshOneAcrossSizes() throws ImageRejectedException {
    ImageTensorWriter reused = new ImageTensorWriter(MODEL_SPEC);
    FloatBuffer batch = direct(MODEL_SPEC.valuesPerImage());
    reused.write(ImageDecoderTest.noise(300, 170), batch, 0);
    reused.write(ImageDecoderTest.noise(37, 411), batch, 0);
    BufferedImage image = ImageDecoderTest.noise(100, 100);
    reused.write(image, batch, 0);
    float[] actual = new float[batch.capacity()];
    batch.get(0, actual);
    assertArrayEquals(writeOne(image, MODEL_SPEC), actual);
  }

  @Test
  void colourModelThatCannotConvertIsUnsupported() {
    ComponentColorModel model = new ComponentColorModel(
        new BrokenProfileSpace(), false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
    BufferedImage image =
        new BufferedImage(model, model.createCompatibleWritableRaster(8, 8), false, null);
    FloatBuffer batch = direct(MODEL_SPEC.valuesPerImage());
    ImageRejectedException e = assertThrows(ImageRejectedException.class,
        () -> new ImageTensorWriter(MODEL_SPEC).write(image, batch, 0));
    assertEquals(RejectReason.UNSUPPORTED, e.reason());
    assertEquals("RGB from ComponentColorModel in BrokenProfileSpace: CMMException: "
        + BrokenProfileSpace.MESSAGE, e.detail());
    assertInstanceOf(CMMException.class, e.getCause());
  }

  @Test
  void largeImageNeedsScratchForItsWidthNotItsArea() throws ImageRejectedException {
    assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
        "this JVM does not count allocated bytes per thread");
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    FloatBuffer batch = direct(MODEL_SPEC.valuesPerImage());
    for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_ARGB}) {
      BufferedImage image = new BufferedImage(6000, 4500, type);
      ImageTensorWriter writer = new ImageTensorWriter(MODEL_SPEC);
      long before = threads.getCurrentThreadAllocatedBytes();
      writer.write(image, batch, 0);
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      // A whole-image int[] alone would be 108 MB.
      assertTrue(allocated < 2_000_000, "type " + type + " allocated " + allocated + " bytes");
    }
  }

  private static float[] writeOne(BufferedImage image, InputSpec spec)
      throws ImageRejectedException {
    FloatBuffer batch = direct(spec.valuesPerImage());
    new ImageTensorWriter(spec).write(image, batch, 0);
    float[] values = new float[spec.valuesPerImage()];
    batch.get(0, values);
    return values;
  }

  private static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }

  private static BufferedImage filled(int width, int height, int type, int rgb) {
    BufferedImage image = new BufferedImage(width, height, type);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }

  /** A colour space whose conversions fail as LCMS does for a broken embedded ICC profile. */
  private static final class BrokenProfileSpace extends ColorSpace {
    static final String MESSAGE = "LCMS error 13: Couldn't link the profiles";
    private static final long serialVersionUID = 1L;

    BrokenProfileSpace() {
      super(ColorSpace.TYPE_RGB, 3);
    }

    @Override
    public float[] toRGB(float[] value) {
      throw new CMMException(MESSAGE);
    }

    @Override
    public float[] fromRGB(float[] rgb) {
      throw new CMMException(MESSAGE);
    }

    @Override
    public float[] toCIEXYZ(float[] value) {
      throw new CMMException(MESSAGE);
    }

    @Override
    public float[] fromCIEXYZ(float[] xyz) {
      throw new CMMException(MESSAGE);
    }
  }

  private static void assertAllEqual(float expected, float[] values) {
    for (int i = 0; i < values.length; i++) {
      assertEquals(expected, values[i], "index " + i);
    }
  }
}
