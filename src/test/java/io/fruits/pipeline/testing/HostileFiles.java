package io.fruits.pipeline.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Tiny files whose headers make a naive decoder allocate gigabytes or more: the hostile part of
 * the bad-input corpus. Each is written byte by byte (everything but the hostile field valid), so
 * a test can show the decoder refuses it from its header before allocating anything.
 */
public final class HostileFiles {

  /** The pixel bytes every BMP here carries: 16×16 at 8 bits per pixel. */
  private static final int BMP_SIDE = 16;

  private HostileFiles() {}

  /**
   * An 8-bit 16×16 BMP whose file header puts the pixel data {@code pixelOffset} bytes into the
   * file. Readers size the palette as the gap between the headers and the pixels, so an offset
   * near 2<sup>31</sup> asks for a 2 GB palette, and one inside the headers for a negative one.
   */
  public static byte[] bmpWithPixelOffset(int pixelOffset) {
    return bmp(BMP_SIDE, BMP_SIDE, 8, 0, pixelOffset);
  }

  /** An 8-bit BMP whose info header says {@code colours} palette entries are used. */
  public static byte[] bmpWithPaletteEntries(int colours) {
    return bmp(BMP_SIDE, BMP_SIDE, 8, colours, 14 + 40 + 4 * 256);
  }

  /** A 24-bit BMP declaring {@code width × height} pixels over 256 bytes of pixel data. */
  public static byte[] bmpDeclaring(int width, int height) {
    return bmp(width, height, 24, 0, 14 + 40);
  }

  /**
   * A valid 1×1 gray PNG with, before its IDAT, an ancillary chunk of type {@code type} whose
   * length field claims {@code declared} bytes (unsigned) while only 16 follow.
   */
  public static byte[] pngWithChunkClaiming(String type, int declared) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    pngChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(1).putInt(1)
        .put(new byte[] {8, 0, 0, 0, 0}).array());
    pngChunk(out, type, new byte[16], declared);
    pngChunk(out, "IDAT", RawPng.deflate(new byte[2]));
    pngChunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /**
   * A 16-bit RGBA PNG declaring {@code width × height} (8 bytes a pixel decoded) whose IDAT holds
   * one compressed row of zeros.
   */
  public static byte[] rgba16PngDeclaring(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    pngChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
        .put(new byte[] {16, 6, 0, 0, 0}).array());
    pngChunk(out, "IDAT", RawPng.deflate(new byte[1 + 8 * width]));
    pngChunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** A baseline JPEG header whose frame declares {@code width × height}, then 64 bytes of scan. */
  public static byte[] jpegDeclaring(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8});
    // SOF0: length 11, precision 8, height, width, 1 component (id 1, 1x1 sampling, table 0).
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xc0, 0, 11, 8,
      (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 1, 1, 0x11, 0});
    // SOS: length 8, 1 component (id 1, tables 0/0), spectral 0..63, approximation 0.
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xda, 0, 8, 1, 1, 0, 0, 63, 0});
    out.writeBytes(new byte[64]);
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd9});
    return out.toByteArray();
  }

  /** An extended WebP (VP8X) whose canvas is {@code width × height}, each at most 2<sup>24</sup>. */
  public static byte[] webpDeclaring(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(30 + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(b.capacity() - 8).put(ascii("WEBP"));
    b.put(ascii("VP8X")).putInt(10).put((byte) 0).put(new byte[3]);
    putU24(b, width - 1);
    putU24(b, height - 1);
    return b.array();
  }

  /** A GIF whose logical screen and only image declare {@code width × height}. */
  public static byte[] gifDeclaring(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("GIF89a")).putShort((short) width).putShort((short) height);
    b.put((byte) 0x80).put((byte) 0).put((byte) 0); // global table of 2 colours
    b.put(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
    b.put((byte) 0x2c).putShort((short) 0).putShort((short) 0);
    b.putShort((short) width).putShort((short) height).put((byte) 0);
    b.put((byte) 2).put((byte) 2).put((byte) 0x4c).put((byte) 0x01).put((byte) 0);
    b.put((byte) 0x3b);
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  private static byte[] bmp(int width, int height, int bits, int colours, int pixelOffset) {
    int pixelBytes = BMP_SIDE * BMP_SIDE;
    ByteBuffer b = ByteBuffer.allocate(14 + 40 + 4 * 256 + pixelBytes)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("BM")).putInt(b.capacity()).putInt(0).putInt(pixelOffset);
    b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) bits);
    b.putInt(0).putInt(0).putInt(2835).putInt(2835).putInt(colours).putInt(0);
    for (int i = 0; i < 256; i++) {
      b.put((byte) i).put((byte) i).put((byte) i).put((byte) 0);
    }
    return b.array();
  }

  private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
    pngChunk(out, type, data, data.length);
  }

  /** Writes a chunk holding {@code data} under a length field of {@code declared}. */
  private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data, int declared) {
    byte[] name = ascii(type);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(declared).array());
    out.writeBytes(name);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static void putU24(ByteBuffer b, int value) {
    b.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
