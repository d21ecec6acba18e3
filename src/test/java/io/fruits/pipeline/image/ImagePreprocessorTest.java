package io.fruits.pipeline.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.testing.PhoneFormatFiles;
import java.time.Duration;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The formats and size limits of {@link ImagePreprocessor}, and that it reduces without aliasing. */
class ImagePreprocessorTest {

  private static final InputSpec SPEC = new InputSpec(224, 224, PixelLayout.NHWC, PixelScaling.TF);
  private final ImagePreprocessor preprocessor = new ImagePreprocessor(SPEC, 50_000_000, Duration.ofSeconds(30));
  private final FloatBuffer batch = ByteBuffer.allocateDirect(SPEC.valuesPerImage() * 4)
      .order(ByteOrder.nativeOrder()).asFloatBuffer();

  @AfterEach
  void close() {
    preprocessor.close();
  }

  @Test
  void heifIsUnsupportedAndNamedNeverNotAnImage() {
    for (String brand : new String[] {"heic", "mif1"}) {
      byte[] heif = PhoneFormatFiles.heifHeader(brand);
      ImageRejectedException e = assertThrows(ImageRejectedException.class,
          () -> preprocessor.write(heif, heif.length, batch, 0));
      assertEquals(RejectReason.UNSUPPORTED, e.reason());
      assertTrue(e.detail().contains("HEIF") && e.detail().contains(brand), e.detail());
    }
  }

  @Test
  void webpIsDecoded() throws Exception {
    byte[] webp = PhoneFormatFiles.losslessWebp(quadrants(64));
    preprocessor.write(webp, webp.length, batch, 0);
    assertQuadrants();
  }

  @Test
  void webpOverThePixelLimitOrDamagedIsRejected() throws Exception {
    byte[] webp = PhoneFormatFiles.losslessWebp(quadrants(64));
    try (ImagePreprocessor small = new ImagePreprocessor(SPEC, 64 * 64 - 1, Duration.ofSeconds(30))) {
      assertEquals(RejectReason.TOO_LARGE, assertThrows(ImageRejectedException.class,
          () -> small.write(webp, webp.length, batch, 0)).reason());
    }
    byte[] cut = Arrays.copyOf(webp, webp.length / 2);
    assertEquals(RejectReason.CORRUPT, assertThrows(ImageRejectedException.class,
        () -> preprocessor.write(cut, cut.length, batch, 0)).reason());
  }

  @Test
  void jpegOverThePixelLimitIsRejectedFromItsHeader() throws Exception {
    byte[] jpeg = ImageDecoderTest.encode(ImageDecoderTest.noise(300, 200), "jpg");
    try (ImagePreprocessor small = new ImagePreprocessor(SPEC, 59_999, Duration.ofSeconds(30))) {
      ImageRejectedException e = assertThrows(ImageRejectedException.class,
          () -> small.write(jpeg, jpeg.length, batch, 0));
      assertEquals(RejectReason.TOO_LARGE, e.reason());
      assertTrue(e.detail().contains("300x200"), e.detail());
    }
  }

  /**
   * Vertical stripes one pixel wide, one white then {@code period - 1} black: every output pixel of
   * a reduction by a multiple of the period covers whole periods, so its area average is 255 /
   * period. A point sample without a low-pass filter (the previous bilinear reduction) lands on a
   * black stripe and gives 0. Checked through ImageIO (PNG, 3×, exact) and through a reduced-size
   * JPEG decode (12×: 1/8 DCT scaling, whose 8×8 means are exact for a period of 4, then area,
   * within JPEG's error).
   */
  @Test
  void reductionAveragesTheWholeFootprint() throws Exception {
    byte[] png = ImageDecoderTest.encode(stripes(3 * 224, 3), "png");
    preprocessor.write(png, png.length, batch, 0);
    assertEverywhere(85, 0.01);
    byte[] jpeg = ImageDecoderTest.encode(stripes(12 * 224, 4), "jpg");
    preprocessor.write(jpeg, jpeg.length, batch, 0);
    assertEverywhere(63.75, 3);
  }

  private void assertEverywhere(double expected, double tolerance) {
    for (int i = 0; i < SPEC.valuesPerImage(); i++) {
      double value = (batch.get(i) + 1) * 127.5;
      assertEquals(expected, value, tolerance, "value " + i);
    }
  }

  private static BufferedImage stripes(int size, int period) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        image.setRGB(x, y, x % period == 0 ? 0xffffff : 0);
      }
    }
    return image;
  }

  private static final int[] QUADRANT_RGB = {0xc81e28, 0x14a046, 0xf0c81e, 0x3c3cc8};

  private static BufferedImage quadrants(int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        image.setRGB(x, y, QUADRANT_RGB[(y < size / 2 ? 0 : 2) + (x < size / 2 ? 0 : 1)]);
      }
    }
    return image;
  }

  private void assertQuadrants() {
    int[][] centres = {{56, 56}, {168, 56}, {56, 168}, {168, 168}};
    for (int q = 0; q < 4; q++) {
      for (int c = 0; c < 3; c++) {
        int index = (centres[q][1] * SPEC.width() + centres[q][0]) * 3 + c;
        double expected = QUADRANT_RGB[q] >> (16 - 8 * c) & 0xff;
        assertEquals(expected, (batch.get(index) + 1) * 127.5, 0.01, "quadrant " + q + " channel " + c);
      }
    }
  }
}
