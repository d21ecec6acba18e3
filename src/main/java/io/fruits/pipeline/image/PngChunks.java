package io.fruits.pipeline.image;

import java.nio.charset.StandardCharsets;

/**
 * Walks a PNG's chunk lengths before ImageIO reads it: a chunk that claims more bytes than the
 * file has left (a length field of up to 4 GB in a tiny file) is CORRUPT, so no reader sizes a
 * buffer from it. The declared image size is checked by {@link ImageDecoder} from the header.
 */
final class PngChunks {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  /** Length, type and CRC around each chunk's data. */
  private static final int FRAMING = 12;

  private PngChunks() {}

  static boolean isPng(byte[] bytes, int length) {
    if (length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (bytes[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  /** Stops at IEND; a file cut inside a chunk's framing is left to ImageIO, which says CORRUPT. */
  static void check(byte[] bytes, int length) throws ImageRejectedException {
    int i = SIGNATURE.length;
    while (i + FRAMING <= length) {
      long declared = (bytes[i] & 0xffL) << 24 | (bytes[i + 1] & 0xff) << 16
          | (bytes[i + 2] & 0xff) << 8 | (bytes[i + 3] & 0xff);
      String type = new String(bytes, i + 4, 4, StandardCharsets.ISO_8859_1);
      long left = length - i - FRAMING;
      if (declared > left) {
        throw new ImageRejectedException(RejectReason.CORRUPT, "png chunk '" + type
            + "' at offset " + i + " declares " + declared + " bytes, " + left + " follow");
      }
      if (type.equals("IEND")) {
        return;
      }
      i += FRAMING + (int) declared;
    }
  }
}
