package io.fruits.pipeline.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * What the marker segments of a JPEG say before any pixel is decoded (the frame size and the
 * number of colour components), and whether its structure is whole.
 *
 * <p>libjpeg repairs damaged data (it pads what is missing with grey and resynchronises at the
 * next marker) and only warns, and OpenCV does not pass the warning on. So the marker structure
 * is checked here, without Huffman decoding: the file must reach an end-of-image marker after its
 * scans; inside compressed data an {@code 0xFF} byte may only be stuffing ({@code FF 00}), fill,
 * or a restart marker; restart markers must count {@code RST0..RST7} in turn, only when a restart
 * interval is defined, and a sequential frame must have exactly one per interval boundary; after
 * a scan only table, restart-interval, comment, application, scan and end markers may follow.
 * This finds cut files, runs of garbage bytes, lost or duplicated restart intervals and stray
 * markers. A bit flip inside Huffman data that keeps the structure intact is not found: only a
 * full Huffman decode would see it (see README "Bad input and failures").
 *
 * @param width samples per line of the frame
 * @param height lines of the frame
 * @param components 1 (gray), 3 (YCbCr or RGB) or 4 (CMYK, YCCK)
 * @param damage what is structurally wrong after the frame, or null when the file is whole
 */
record JpegHeader(int width, int height, int components, String damage) {

  private static final int SOS = 0xda;
  private static final int EOI = 0xd9;
  private static final int DRI = 0xdd;
  private static final int RST0 = 0xd0;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Reads the header of a JPEG and checks the rest of its structure, or returns null when its
   * segments end or break before a frame and a scan (ImageIO then decides what the file is).
   */
  static JpegHeader parse(byte[] bytes, int length) {
    return new Walk(bytes, length).run();
  }

  /** One pass over the file: segments, then each scan's compressed data. */
  private static final class Walk {
    private final byte[] bytes;
    private final int length;
    private int width = -1;
    private int height = -1;
    private int components = -1;
    private boolean sequential;
    private int maxH = 1;
    private int maxV = 1;
    /** Sampling factors by component id. */
    private final int[] hSampling = new int[256];
    private final int[] vSampling = new int[256];
    private int restartInterval;
    private boolean scanned;
    /** What {@link #scan} found wrong. */
    private String scanDamage;

    Walk(byte[] bytes, int length) {
      this.bytes = bytes;
      this.length = length;
    }

    JpegHeader run() {
      int i = 2;
      while (i + 1 < length) {
        if ((bytes[i] & 0xff) != 0xff) {
          return broken("byte 0x" + Integer.toHexString(bytes[i] & 0xff) + " at offset " + i
              + " where a marker should start");
        }
        int marker = bytes[i + 1] & 0xff;
        if (marker == 0xff) {
          i++; // fill byte
          continue;
        }
        if (marker == EOI && scanned) {
          return header(null);
        }
        if (scanned && !mayFollowScan(marker)) {
          return header("marker 0x" + Integer.toHexString(marker) + " at offset " + i
              + " inside or after the compressed data");
        }
        if (marker == 0x01 || (marker >= RST0 && marker <= 0xd8)) {
          i += 2; // markers without a length
          continue;
        }
        if (i + 3 >= length) {
          break;
        }
        int segment = u16(i + 2);
        if (isStartOfFrame(marker)) {
          frame(marker, i + 4, segment - 2);
        } else if (marker == DRI && i + 5 < length) {
          restartInterval = u16(i + 4);
        } else if (marker == SOS) {
          if (width <= 0 || i + 5 >= length) {
            return broken("cut short in a scan header");
          }
          scanned = true;
          boolean interleaved = (bytes[i + 4] & 0xff) != 1;
          int end = scan(i + 2 + segment, interleaved ? -1 : bytes[i + 5] & 0xff);
          if (end < 0) {
            return header(scanDamage);
          }
          i = end;
          continue;
        } else if (marker == EOI) {
          return null;
        }
        i += 2 + segment;
      }
      return scanned ? header("cut short: " + length + " bytes end before the end-of-image marker")
          : null;
    }

    /**
     * Walks compressed data from {@code start} and returns the offset of the marker that ends it,
     * or -1 with {@link #scanDamage} set. {@code onlyComponent} is the id of a non-interleaved
     * scan's component, -1 for an interleaved scan.
     */
    private int scan(int start, int onlyComponent) {
      int restarts = 0;
      int i = start;
      while (true) {
        i = nextFf(i);
        if (i + 1 >= length) {
          scanDamage = "cut short: " + length + " bytes end inside the compressed data";
          return -1;
        }
        int next = bytes[i + 1] & 0xff;
        if (next == 0 || next == 0xff) {
          i += next == 0 ? 2 : 1; // stuffed 0xFF, or fill before a marker
        } else if (next >= RST0 && next < RST0 + 8) {
          if (restartInterval == 0 || next != RST0 + restarts % 8) {
            scanDamage = "restart marker RST" + (next - RST0) + " at offset " + i
                + (restartInterval == 0 ? " without a restart interval"
                    : " where RST" + restarts % 8 + " belongs");
            return -1;
          }
          restarts++;
          i += 2;
        } else {
          long expected = expectedRestarts(onlyComponent);
          if (expected >= 0 && restarts != expected) {
            scanDamage = restarts + " restart markers in a scan that needs " + expected;
            return -1;
          }
          return i;
        }
      }
    }

    /** Restart markers a sequential scan has, or -1 when not checked (progressive, no DRI). */
    private long expectedRestarts(int onlyComponent) {
      if (!sequential || restartInterval == 0) {
        return -1;
      }
      long units;
      if (onlyComponent < 0) {
        units = (long) ceilDiv(width, 8 * maxH) * ceilDiv(height, 8 * maxV);
      } else {
        int h = hSampling[onlyComponent];
        int v = vSampling[onlyComponent];
        if (h == 0 || v == 0) {
          return -1;
        }
        units = (long) ceilDiv(ceilDiv(width * h, maxH), 8) * ceilDiv(ceilDiv(height * v, maxV), 8);
      }
      return (units + restartInterval - 1) / restartInterval - 1;
    }

    private void frame(int marker, int at, int size) {
      if (at + 5 >= length) {
        return;
      }
      sequential = marker == 0xc0 || marker == 0xc1;
      height = u16(at + 1);
      width = u16(at + 3);
      components = bytes[at + 5] & 0xff;
      for (int c = 0; c < components && at + 8 + 3 * c < length && 6 + 3 * c < size; c++) {
        int id = bytes[at + 6 + 3 * c] & 0xff;
        int sampling = bytes[at + 7 + 3 * c] & 0xff;
        hSampling[id] = sampling >> 4;
        vSampling[id] = sampling & 0xf;
        maxH = Math.max(maxH, sampling >> 4);
        maxV = Math.max(maxV, sampling & 0xf);
      }
    }

    /**
     * The offset of the first 0xFF byte from {@code from}, or {@link #length}. Eight bytes at a
     * time: a phone photo has 2–4 MB of compressed data and this runs before every decode.
     */
    private int nextFf(int from) {
      int i = from;
      for (; i + 8 <= length; i += 8) {
        long inverted = ~(long) LONGS.get(bytes, i);
        // The classic zero-byte test on the inverted word: its lowest set bit marks the first
        // 0xFF byte (false positives only ever appear above a true one).
        long found = (inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L;
        if (found != 0) {
          return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
      }
      while (i < length && bytes[i] != (byte) 0xff) {
        i++;
      }
      return i;
    }

    private JpegHeader broken(String what) {
      return scanned ? header(what) : null;
    }

    private JpegHeader header(String damage) {
      return new JpegHeader(width, height, components, damage);
    }

    private int u16(int offset) {
      return (bytes[offset] & 0xff) << 8 | (bytes[offset + 1] & 0xff);
    }
  }

  /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
  }

  /** Tables (DHT, DAC, DQT), DNL, DRI, another scan, application segments and comments. */
  private static boolean mayFollowScan(int marker) {
    return marker == 0xc4 || marker == 0xcc || marker == 0xdb || marker == 0xdc || marker == DRI
        || marker == SOS || (marker >= 0xe0 && marker <= 0xef) || marker == 0xfe;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
