package io.fruits.pipeline.image;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The container formats the decoder treats specially, recognised by their first bytes (never by
 * the file name): JPEG and WebP go to OpenCV, HEIF is refused by name, anything else goes to
 * ImageIO.
 */
enum ImageFormat {
  JPEG,
  WEBP,
  /** ISO base media file with a HEIF brand: HEIC, HEIF, AVIF. */
  HEIF,
  OTHER;

  /** Major brands of HEIF files (ISO/IEC 23008-12), AVIF included. */
  private static final Set<String> HEIF_BRANDS = Set.of(
      "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1", "avif",
      "avis");

  static ImageFormat of(byte[] bytes, int length) {
    if (length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8
        && (bytes[2] & 0xff) == 0xff) {
      return JPEG;
    }
    if (length >= 12 && ascii(bytes, 0).equals("RIFF") && ascii(bytes, 8).equals("WEBP")) {
      return WEBP;
    }
    if (heifBrand(bytes, length) != null) {
      return HEIF;
    }
    return OTHER;
  }

  /** The major brand of a HEIF file's {@code ftyp} box, or null when it is not one. */
  static String heifBrand(byte[] bytes, int length) {
    if (length < 12 || !ascii(bytes, 4).equals("ftyp")) {
      return null;
    }
    String brand = ascii(bytes, 8);
    return HEIF_BRANDS.contains(brand) ? brand : null;
  }

  private static String ascii(byte[] bytes, int offset) {
    return new String(bytes, offset, 4, StandardCharsets.ISO_8859_1);
  }
}
