package io.fruits.pipeline.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JpegHeaderTest {

  @Test
  void readsTheFrameOfAJpegWrittenByImageIo() throws Exception {
    byte[] jpeg = ImageDecoderTest.encode(ImageDecoderTest.noise(300, 170), "jpg");
    JpegHeader header = JpegHeader.parse(jpeg, jpeg.length);
    assertEquals(new JpegHeader(300, 170, 3, true), header);
  }

  @Test
  void aCutFileHasNoEndMarkerAndACutHeaderNoFrame() throws Exception {
    byte[] jpeg = ImageDecoderTest.encode(ImageDecoderTest.noise(300, 170), "jpg");
    JpegHeader cut = JpegHeader.parse(jpeg, jpeg.length - 100);
    assertFalse(cut.complete());
    assertEquals(300, cut.width());
    assertNull(JpegHeader.parse(Arrays.copyOf(jpeg, 40), 40));
  }

  @Test
  void trailingBytesAfterTheEndMarkerAreAllowed() throws Exception {
    byte[] jpeg = ImageDecoderTest.encode(ImageDecoderTest.noise(30, 20), "jpg");
    byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 50);
    assertTrue(JpegHeader.parse(padded, padded.length).complete());
  }
}
