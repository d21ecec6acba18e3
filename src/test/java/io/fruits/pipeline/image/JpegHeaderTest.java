package io.fruits.pipeline.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_RST_INTERVAL;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * The frame {@link JpegHeader} reads, and the structural damage it finds in files made damaged
 * on purpose, at known offsets; whole files, real phone photos included, pass.
 */
class JpegHeaderTest {

  @Test
  void readsTheFrameOfAJpegWrittenByImageIo() throws Exception {
    byte[] jpeg = ImageDecoderTest.encode(ImageDecoderTest.noise(300, 170), "jpg");
    assertEquals(new JpegHeader(300, 170, 3, null), JpegHeader.parse(jpeg, jpeg.length));
  }

  @Test
  void aCutFileIsDamagedAndACutHeaderHasNoFrame() throws Exception {
    byte[] jpeg = ImageDecoderTest.encode(ImageDecoderTest.noise(300, 170), "jpg");
    for (int cut : new int[] {jpeg.length - 1, jpeg.length - 100, jpeg.length / 2}) {
      JpegHeader header = JpegHeader.parse(jpeg, cut);
      assertEquals(300, header.width());
      assertTrue(header.damage().startsWith("cut short: " + cut + " bytes"), header.damage());
    }
    assertNull(JpegHeader.parse(Arrays.copyOf(jpeg, 40), 40));
  }

  @Test
  void trailingBytesAfterTheEndMarkerAreAllowed() throws Exception {
    byte[] jpeg = ImageDecoderTest.encode(ImageDecoderTest.noise(30, 20), "jpg");
    byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 50);
    assertNull(JpegHeader.parse(padded, padded.length).damage());
  }

  @Test
  void aStrayMarkerOrGarbageInsideTheCompressedDataIsDamage() throws Exception {
    byte[] jpeg = ImageDecoderTest.encode(ImageDecoderTest.noise(300, 170), "jpg");
    int at = jpeg.length / 2;
    byte[] stray = jpeg.clone();
    stray[at] = (byte) 0xff;
    stray[at + 1] = (byte) 0xc0;
    assertEquals("marker 0xc0 at offset " + at + " inside or after the compressed data",
        JpegHeader.parse(stray, stray.length).damage());
    byte[] outsideAnySegment = jpeg.clone();
    outsideAnySegment[at] = (byte) 0xff;
    outsideAnySegment[at + 1] = (byte) 0xe1; // an APP1 "segment" whose length runs past the end
    outsideAnySegment[at + 2] = (byte) 0xff;
    outsideAnySegment[at + 3] = (byte) 0xf0;
    assertTrue(JpegHeader.parse(outsideAnySegment, outsideAnySegment.length).damage()
        .startsWith("cut short"));
  }

  /**
   * OpenCV writes restart markers every 2 MCUs of a 64×32 4:2:0 image: 4 × 2 MCUs of 16×16, so
   * 4 intervals and RST0..RST2 between them.
   */
  @Test
  void restartMarkersMustCountUpAndMatchTheFrame() {
    byte[] jpeg = withRestarts(64, 32, 2);
    assertNull(JpegHeader.parse(jpeg, jpeg.length).damage());
    List<Integer> restarts = restartOffsets(jpeg);
    assertEquals(3, restarts.size());

    byte[] swapped = jpeg.clone();
    swapped[restarts.get(1) + 1] = (byte) 0xd2;
    assertEquals("restart marker RST2 at offset " + restarts.get(1) + " where RST1 belongs",
        JpegHeader.parse(swapped, swapped.length).damage());

    byte[] lastIntervalLost = concat(Arrays.copyOf(jpeg, restarts.get(2)),
        Arrays.copyOfRange(jpeg, jpeg.length - 2, jpeg.length));
    assertEquals("2 restart markers in a scan that needs 3",
        JpegHeader.parse(lastIntervalLost, lastIntervalLost.length).damage());

    byte[] noInterval = withRestarts(64, 32, 0);
    byte[] strayRestart = concat(Arrays.copyOf(noInterval, noInterval.length - 2),
        new byte[] {(byte) 0xff, (byte) 0xd0, (byte) 0xff, (byte) 0xd9});
    assertTrue(JpegHeader.parse(strayRestart, strayRestart.length).damage()
        .endsWith("without a restart interval"));
  }

  @Test
  void wholePhonePhotosHaveNoDamage() throws Exception {
    List<Path> photos = SharedData.phonePhotos();
    assertEquals(10, photos.size(), "the phone photos in ../shared/data/phone-photos");
    for (Path photo : photos) {
      byte[] bytes = Files.readAllBytes(photo);
      JpegHeader header = JpegHeader.parse(bytes, bytes.length);
      assertNull(header.damage(), photo.toString());
      assertTrue(header.width() * header.height() > 3_000_000, photo + ": " + header);
    }
  }

  /** Random pixels, so the compressed data is long, encoded by OpenCV with a restart interval. */
  private static byte[] withRestarts(int width, int height, int interval) {
    byte[] bgr = new byte[width * height * 3];
    new Random(3).nextBytes(bgr);
    try (BytePointer pixels = new BytePointer(bgr);
        Mat mat = new Mat(height, width, CV_8UC3, pixels);
        BytePointer encoded = new BytePointer();
        IntPointer params = new IntPointer(IMWRITE_JPEG_RST_INTERVAL, interval)) {
      assertTrue(imencode(".jpg", mat, encoded, params));
      byte[] out = new byte[(int) encoded.limit()];
      encoded.get(out);
      return out;
    }
  }

  private static List<Integer> restartOffsets(byte[] jpeg) {
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i + 1 < jpeg.length; i++) {
      if (jpeg[i] == (byte) 0xff && (jpeg[i + 1] & 0xf8) == 0xd0) {
        offsets.add(i);
      }
    }
    return offsets;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
