package io.fruits.pipeline.image;

import io.fruits.pipeline.testing.RawPng;
import io.fruits.pipeline.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

  private final ImageDecoder decoder = new ImageDecoder(50_000_000);

  @Test
  void zeroBytesAreAnEmptyFile() {
    assertRejected(RejectReason.EMPTY_FILE, new byte[0]);
    assertRejected(RejectReason.EMPTY_FILE, new byte[10], 0);
  }

  @Test
  void randomBytesAreNotAnImage() {
    byte[] bytes = new byte[4096];
    new Random(42).nextBytes(bytes);
    assertRejected(RejectReason.NOT_AN_IMAGE, bytes);
  }

  @Test
  void textIsNotAnImage() {
    byte[] text = "fruit,label\napple,1\nbanana,2\n".repeat(20).getBytes(StandardCharsets.UTF_8);
    assertRejected(RejectReason.NOT_AN_IMAGE, text);
  }

  @Test
  void truncatedJpegIsCorrupt() throws IOException {
    byte[] jpeg = encode(noise(64, 64), "jpg");
    // Half the entropy-coded data: readers repair this silently and only warn.
    assertRejected(RejectReason.CORRUPT, Arrays.copyOf(jpeg, jpeg.length / 2));
    // Cut inside the headers: readers throw.
    assertRejected(RejectReason.CORRUPT, Arrays.copyOf(jpeg, 300));
  }

  @Test
  void decompressionBombIsTooLargeAndRejectedFast() {
    byte[] emptyZlib = {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01};
    byte[] bomb = RawPng.rgb8(50_000, 50_000, emptyZlib);
    assertTrue(bomb.length < 100);
    ImageRejectedException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(ImageRejectedException.class, () -> decoder.decode(bomb, bomb.length)));
    assertEquals(RejectReason.TOO_LARGE, e.reason());
    assertTrue(e.getMessage().startsWith("TOO_LARGE: "), e.getMessage());
    assertTrue(e.detail().contains("50000x50000"), e.detail());
  }

  @Test
  void craftedPngWithinTheLimitDecodes() throws ImageRejectedException {
    int width = 100;
    int height = 100;
    // Each row: filter type 0, then width RGB pixels of (9, 99, 199).
    byte[] raw = new byte[height * (1 + width * 3)];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * (1 + width * 3) + 1 + x * 3;
        raw[i] = 9;
        raw[i + 1] = 99;
        raw[i + 2] = (byte) 199;
      }
    }
    byte[] bytes = RawPng.rgb8(width, height, RawPng.deflate(raw));
    BufferedImage image = new ImageDecoder(10_000).decode(bytes, bytes.length);
    assertEquals(100, image.getWidth());
    assertEquals(0x0963c7, image.getRGB(57, 31) & 0xffffff);
    ImageRejectedException e = assertThrows(ImageRejectedException.class,
        () -> new ImageDecoder(9_999).decode(bytes, bytes.length));
    assertEquals(RejectReason.TOO_LARGE, e.reason());
  }

  @Test
  void fruitsPhotosDecodeTo100By100() throws IOException, ImageRejectedException {
    List<Path> photos;
    try (Stream<Path> classes = Files.list(SharedData.fruitsSample())) {
      photos = classes.filter(Files::isDirectory).sorted()
          .flatMap(ImageDecoderTest::firstFive).collect(Collectors.toList());
    }
    assertTrue(photos.size() >= 25, "found only " + photos.size() + " photos");
    for (Path photo : photos) {
      byte[] bytes = Files.readAllBytes(photo);
      BufferedImage image = decoder.decode(bytes, bytes.length);
      assertEquals(100, image.getWidth(), photo.toString());
      assertEquals(100, image.getHeight(), photo.toString());
    }
  }

  @Test
  void decodesOnlyTheGivenLength() throws IOException, ImageRejectedException {
    byte[] png = encode(noise(7, 5), "png");
    byte[] padded = Arrays.copyOf(png, png.length + 1000);
    Arrays.fill(padded, png.length, padded.length, (byte) 0x5a);
    BufferedImage image = decoder.decode(padded, png.length);
    assertEquals(7, image.getWidth());
    assertEquals(5, image.getHeight());
  }

  private static Stream<Path> firstFive(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(5)
          .collect(Collectors.toList()).stream();
    } catch (IOException e) {
      throw new AssertionError("cannot list " + folder, e);
    }
  }

  private void assertRejected(RejectReason expected, byte[] bytes) {
    assertRejected(expected, bytes, bytes.length);
  }

  private void assertRejected(RejectReason expected, byte[] bytes, int length) {
    ImageRejectedException e =
        assertThrows(ImageRejectedException.class, () -> decoder.decode(bytes, length));
    assertEquals(expected, e.reason(), e.getMessage());
    assertTrue(e.getMessage().startsWith(expected.name() + ": "), e.getMessage());
    assertFalse(e.detail().isEmpty());
  }

  static BufferedImage noise(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    return image;
  }

  static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, format, out), "no writer for " + format);
    return out.toByteArray();
  }
}
