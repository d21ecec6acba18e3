package io.fruits.pipeline.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import javax.imageio.IIOException;
import org.junit.jupiter.api.Test;

class ImageRejectedExceptionTest {

  @Test
  void causedNamesTheStepTheExceptionAndItsMessage() {
    IIOException cause = new IIOException("Error reading PNG image data");
    ImageRejectedException e =
        ImageRejectedException.caused(RejectReason.CORRUPT, "png", cause);
    assertEquals(RejectReason.CORRUPT, e.reason());
    assertEquals("png: IIOException: Error reading PNG image data", e.detail());
    assertEquals("CORRUPT: png: IIOException: Error reading PNG image data", e.getMessage());
    assertSame(cause, e.getCause());
    assertEquals("gif: NullPointerException",
        ImageRejectedException.caused(RejectReason.CORRUPT, "gif", new NullPointerException())
            .detail());
  }

  @Test
  void longDetailsAreCut() {
    String detail = "x".repeat(ImageRejectedException.MAX_DETAIL_CHARS + 50);
    ImageRejectedException e = new ImageRejectedException(RejectReason.CORRUPT, detail);
    assertEquals("x".repeat(ImageRejectedException.MAX_DETAIL_CHARS) + "…", e.detail());
    assertEquals("CORRUPT: " + e.detail(), e.getMessage());
  }
}
