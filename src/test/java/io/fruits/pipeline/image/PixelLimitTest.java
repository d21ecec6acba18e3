package io.fruits.pipeline.image;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PixelLimitTest {

  @Test
  void anImageAtTheLimitPassesAndOnePixelMoreIsTooLargeWithItsArithmetic() {
    assertDoesNotThrow(() -> PixelLimit.check("JPEG", 4_000, 3_000, 12_000_000));
    ImageRejectedException e = assertThrows(ImageRejectedException.class,
        () -> PixelLimit.check("JPEG", 4_000, 3_001, 12_000_000));
    assertEquals(RejectReason.TOO_LARGE, e.reason());
    assertEquals("JPEG 4000x3001 = 12004000 pixels, limit 12000000", e.detail());
  }

  /** A BMP declares 32-bit sides: their product must not wrap round to a small number. */
  @Test
  void sidesBeyondIntStillMultiplyExactly() {
    ImageRejectedException e = assertThrows(ImageRejectedException.class,
        () -> PixelLimit.check("bmp header declares", 1L << 31, 1L << 31, 50_000_000));
    assertEquals("bmp header declares 2147483648x2147483648 = 4611686018427387904 pixels,"
        + " limit 50000000", e.detail());
  }
}
