package io.fruits.pipeline.testing;

import io.fruits.pipeline.image.RejectReason;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes a folder of broken, odd and awkwardly named image files in the Fruits-360 layout, and
 * says what the pipeline must make of each: embedded, or rejected with a given reason. Everything
 * is generated (seeded, so byte-identical on every run); nothing binary is committed.
 *
 * <p>The images whose colours tests check are built from the public quadrant constants: a
 * {@value #QUADRANT_SIZE}-pixel square whose four quadrants (top-left, top-right, bottom-left,
 * bottom-right) hold one value each. Every other valid image is a {@link #FRUIT} disc on white.
 */
public final class BadInputCorpus {

  /**
   * What must become of one file.
   *
   * @param embedded whether the file must be embedded
   * @param reason why it is rejected; null when embedded
   * @param label the name of the folder holding the file
   */
  public record Expected(boolean embedded, RejectReason reason, String label) {
    public Expected {
      if (embedded != (reason == null)) {
        throw new IllegalArgumentException("a reason is given exactly for rejects, got " + reason);
      }
    }
  }

  /** Ink coverage of a CMYK pixel, 0 (none) to 255 (full), as a designer would specify it. */
  public record Ink(int cyan, int magenta, int yellow, int black) {}

  /** A 16-bit RGB pixel. */
  public record Rgb16(int red, int green, int blue) {}

  /** Files whose name contains this are refused by {@link DenyingLocalFileSystem}. */
  public static final String UNREADABLE_MARKER = "unreadable";
  public static final String EMPTY_CLASS = "Empty Class";
  /** A file name that needs a UTF-8 capable file-name encoding in the JVM (see {@link #write}). */
  public static final String UNICODE_FILE =
      "\u00c4pfel \u00f1 \u65e5\u672c/\u00c4pfel \u00f1 \u65e5\u672c.jpg";
  public static final String FILE_AT_ROOT = "at root.jpg";

  public static final int QUADRANT_SIZE = 64;
  public static final String RGBA_PNG = "Banana/rgba cutout.png";
  public static final List<Color> RGBA_QUADRANTS = List.of(
      new Color(255, 0, 0, 0), new Color(30, 60, 200, 128), new Color(40, 180, 60),
      new Color(250, 220, 40));
  public static final String GRAY_JPEG = "Banana/gray.jpg";
  public static final List<Integer> GRAY_QUADRANTS = List.of(30, 90, 160, 230);
  public static final String PALETTE_PNG = "Banana/palette.png";
  /** The last entry is fully transparent. */
  public static final List<Color> PALETTE_QUADRANTS = List.of(
      new Color(200, 30, 40), new Color(20, 160, 70), new Color(240, 200, 30),
      new Color(0, 0, 0, 0));
  /** A CMYK JPEG the way Photoshop writes one: Adobe APP14 marker, inverted samples. */
  public static final String CMYK_JPEG = "Banana/cmyk adobe.jpg";
  /** The same quadrants as {@link #CMYK_JPEG}, stored YCCK (Adobe transform 2). */
  public static final String YCCK_JPEG = "Banana/ycck adobe.jpg";
  public static final List<Ink> CMYK_QUADRANTS = List.of(
      new Ink(0, 220, 200, 0), new Ink(200, 0, 220, 20), new Ink(230, 150, 0, 0),
      new Ink(0, 0, 0, 100));
  public static final String GRAY16_PNG = "Cherry/gray16.png";
  public static final List<Integer> GRAY16_QUADRANTS = List.of(0, 12345, 40000, 65535);
  public static final String RGB16_PNG = "Cherry/rgb16.png";
  public static final List<Rgb16> RGB16_QUADRANTS = List.of(
      new Rgb16(65535, 0, 1000), new Rgb16(300, 40000, 20000), new Rgb16(5000, 6000, 60000),
      new Rgb16(50000, 50000, 50000));

  /**
   * A very large valid JPEG: red = {@code x * 255 / (width - 1)}, green = {@code y * 255 /
   * (height - 1)} (integer division), blue {@value #LARGE_BLUE}.
   */
  public static final String LARGE_JPEG = "Cherry/large 6000x4500.jpg";
  public static final int LARGE_WIDTH = 6000;
  public static final int LARGE_HEIGHT = 4500;
  public static final int LARGE_BLUE = 100;

  /** The colour of the disc (radius 35 % of the side, centred, on white) of other valid images. */
  public static final Color FRUIT = new Color(200, 40, 50);

  private static final long SEED = 360;
  private static final int Q = QUADRANT_SIZE;

  private final Path root;
  private final Map<String, Expected> corpus = new TreeMap<>();

  private BadInputCorpus(Path root) {
    this.root = root;
  }

  /**
   * Writes the corpus under {@code root} (created if needed) and returns, by path relative to root
   * with forward slashes, what must become of each file written. Also creates the empty class
   * folder {@value #EMPTY_CLASS}. {@link #UNICODE_FILE} is written only when {@link
   * #canWriteUnicodeNames()}.
   */
  public static Map<String, Expected> write(Path root) throws IOException {
    Files.createDirectories(root.resolve(EMPTY_CLASS));
    BadInputCorpus c = new BadInputCorpus(root);
    Random random = new Random(SEED);
    byte[] photo = encode(texture(320, 240, random), "jpg");
    byte[] png = encode(texture(64, 48, random), "png");
    byte[] noise = new byte[4096];
    random.nextBytes(noise);
    byte[] fruit = encode(fruit(), "jpg");

    c.reject("Apple Red 1/truncated.jpg", Arrays.copyOf(photo, photo.length / 2),
        RejectReason.CORRUPT);
    c.reject("Apple Red 1/cut in header.jpg", Arrays.copyOf(photo, 300), RejectReason.CORRUPT);
    c.reject("Apple Red 1/truncated.png", Arrays.copyOf(png, png.length / 2), RejectReason.CORRUPT);
    c.reject("Apple Red 1/random bytes.jpg", noise, RejectReason.NOT_AN_IMAGE);
    c.reject("Apple Red 1/empty.jpg", new byte[0], RejectReason.EMPTY_FILE);
    c.reject("Apple Red 1/notes.jpg",
        "label,count\nApple Red 1,492\nBanana,490\n".repeat(30).getBytes(StandardCharsets.UTF_8),
        RejectReason.NOT_AN_IMAGE);
    c.reject("Cherry/bomb 50000x50000.png", bomb(50_000, 50_000), RejectReason.TOO_LARGE);
    c.reject("Kiwi/" + UNREADABLE_MARKER + ".jpg", fruit, RejectReason.UNREADABLE);

    c.embed(RGBA_PNG, encode(quadrants(new BufferedImage(Q, Q, BufferedImage.TYPE_INT_ARGB),
        RGBA_QUADRANTS.stream().map(BadInputCorpus::rgba).toList()), "png"));
    c.embed(GRAY_JPEG, encode(quadrants(new BufferedImage(Q, Q, BufferedImage.TYPE_BYTE_GRAY),
        GRAY_QUADRANTS.stream().map(v -> new int[] {v}).toList()), "jpg"));
    c.embed(PALETTE_PNG, encode(paletteQuadrants(), "png"));
    c.embed(CMYK_JPEG, AdobeJpeg.encode(CMYK_QUADRANTS, false));
    c.embed(YCCK_JPEG, AdobeJpeg.encode(CMYK_QUADRANTS, true));
    c.embed(GRAY16_PNG, encode(quadrants(new BufferedImage(Q, Q, BufferedImage.TYPE_USHORT_GRAY),
        GRAY16_QUADRANTS.stream().map(v -> new int[] {v}).toList()), "png"));
    c.embed(RGB16_PNG, encode(rgb16Quadrants(), "png"));
    c.embed(LARGE_JPEG, encode(largeGradient(), "jpg"));
    c.embed("Cherry/png named.jpg", encode(fruit(), "png"));
    c.embed("Cherry/plain.bmp", encode(fruit(), "bmp"));
    c.embed("Cherry/phone.webp", PhoneFormatFiles.losslessWebp(fruit()));
    c.reject("Cherry/phone.heic", PhoneFormatFiles.heifHeader("heic"), RejectReason.UNSUPPORTED);
    c.reject("Apple Red 1/stray marker.jpg", withStrayMarker(photo), RejectReason.CORRUPT);
    c.hostile();
    for (String name : List.of("with space.jpg", "hash#1.jpg", "100%.jpg", "a%20b.jpg")) {
      c.embed("Kiwi/" + name, fruit);
    }
    if (canWriteUnicodeNames()) {
      c.embed(UNICODE_FILE, fruit);
    }
    c.embed(FILE_AT_ROOT, fruit);
    return Collections.unmodifiableMap(c.corpus);
  }

  /**
   * Tiny files whose headers claim gigabytes ({@link HostileFiles}): each must be refused from
   * its header, before a reader allocates what it claims.
   */
  private void hostile() throws IOException {
    reject("Cherry/hostile bmp pixels at 2 GB.bmp", HostileFiles.bmpWithPixelOffset(0x7ffffff0),
        RejectReason.CORRUPT);
    reject("Cherry/hostile bmp 2G palette entries.bmp",
        HostileFiles.bmpWithPaletteEntries(0x7fffffff), RejectReason.CORRUPT);
    reject("Cherry/hostile bmp 100000x100000.bmp", HostileFiles.bmpDeclaring(100_000, 100_000),
        RejectReason.TOO_LARGE);
    reject("Cherry/hostile png zTXt of 2 GB.png",
        HostileFiles.pngWithChunkClaiming("zTXt", 0x7ffffff0), RejectReason.CORRUPT);
    reject("Cherry/hostile png chunk of 4 GB.png",
        HostileFiles.pngWithChunkClaiming("biGG", 0xfffffffb), RejectReason.CORRUPT);
    reject("Cherry/hostile png rgba16 6000x6000.png",
        HostileFiles.rgba16PngDeclaring(6000, 6000), RejectReason.TOO_LARGE);
    reject("Cherry/hostile jpeg 65000x65000.jpg", HostileFiles.jpegDeclaring(65_000, 65_000),
        RejectReason.TOO_LARGE);
    reject("Cherry/hostile webp 16777216x16777216.webp",
        HostileFiles.webpDeclaring(1 << 24, 1 << 24), RejectReason.TOO_LARGE);
    // Named .png: the listing takes no .gif; the decoder goes by the bytes.
    reject("Cherry/hostile gif 65535x65535.png", HostileFiles.gifDeclaring(65_535, 65_535),
        RejectReason.TOO_LARGE);
  }

  /** A copy of a JPEG with a start-of-frame marker in the middle of its compressed data. */
  private static byte[] withStrayMarker(byte[] jpeg) {
    byte[] bytes = jpeg.clone();
    bytes[jpeg.length / 2] = (byte) 0xff;
    bytes[jpeg.length / 2 + 1] = (byte) 0xc0;
    return bytes;
  }

  /**
   * Whether this JVM can create {@link #UNICODE_FILE}: its file-name encoding ({@code
   * sun.jnu.encoding}) comes from the locale and is ASCII under the POSIX locale.
   */
  public static boolean canWriteUnicodeNames() {
    return Charset.forName(System.getProperty("sun.jnu.encoding")).newEncoder()
        .canEncode(UNICODE_FILE);
  }

  /** How many files of the corpus must be embedded. */
  public static long embeddedCount(Map<String, Expected> corpus) {
    return corpus.values().stream().filter(Expected::embedded).count();
  }

  /** How many files of the corpus must be rejected for {@code reason}. */
  public static long rejectedCount(Map<String, Expected> corpus, RejectReason reason) {
    return corpus.values().stream().filter(e -> e.reason() == reason).count();
  }

  private void embed(String relative, byte[] bytes) throws IOException {
    put(relative, bytes, null);
  }

  private void reject(String relative, byte[] bytes, RejectReason reason) throws IOException {
    put(relative, bytes, reason);
  }

  private void put(String relative, byte[] bytes, RejectReason reason) throws IOException {
    Path file = root;
    for (String part : relative.split("/")) {
      file = file.resolve(part);
    }
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    corpus.put(relative,
        new Expected(reason == null, reason, file.getParent().getFileName().toString()));
  }

  private static byte[] encode(RenderedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format + " of " + image);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Diagonal red and green ramps over random blue, so a JPEG of it has plenty of coded data. */
  private static BufferedImage texture(int width, int height, Random random) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int red = (x * 4 + y) & 0xff;
        int green = (y * 3 + x) & 0xff;
        image.setRGB(x, y, red << 16 | green << 8 | random.nextInt(256));
      }
    }
    return image;
  }

  private static BufferedImage fruit() {
    BufferedImage image = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 100, 100);
    g.setColor(FRUIT);
    g.fillOval(15, 15, 70, 70);
    g.dispose();
    return image;
  }

  /** Fills the quadrants of a {@value #QUADRANT_SIZE}-pixel square with one sample each. */
  private static BufferedImage quadrants(BufferedImage image, List<int[]> samples) {
    fillQuadrants(image.getRaster(), samples);
    return image;
  }

  private static void fillQuadrants(WritableRaster raster, List<int[]> samples) {
    for (int y = 0; y < Q; y++) {
      for (int x = 0; x < Q; x++) {
        raster.setPixel(x, y, samples.get((y < Q / 2 ? 0 : 2) + (x < Q / 2 ? 0 : 1)));
      }
    }
  }

  private static int[] rgba(Color c) {
    return new int[] {c.getRed(), c.getGreen(), c.getBlue(), c.getAlpha()};
  }

  private static BufferedImage rgb16Quadrants() {
    ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
        new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    BufferedImage image =
        new BufferedImage(model, model.createCompatibleWritableRaster(Q, Q), false, null);
    return quadrants(image,
        RGB16_QUADRANTS.stream().map(c -> new int[] {c.red(), c.green(), c.blue()}).toList());
  }

  private static BufferedImage paletteQuadrants() {
    List<int[]> colours = PALETTE_QUADRANTS.stream().map(BadInputCorpus::rgba).toList();
    byte[][] channels = new byte[4][colours.size()];
    for (int i = 0; i < colours.size(); i++) {
      for (int c = 0; c < 4; c++) {
        channels[c][i] = (byte) colours.get(i)[c];
      }
    }
    IndexColorModel palette = new IndexColorModel(
        8, colours.size(), channels[0], channels[1], channels[2], channels[3]);
    return quadrants(new BufferedImage(Q, Q, BufferedImage.TYPE_BYTE_INDEXED, palette),
        List.of(new int[] {0}, new int[] {1}, new int[] {2}, new int[] {3}));
  }

  private static BufferedImage largeGradient() {
    BufferedImage image =
        new BufferedImage(LARGE_WIDTH, LARGE_HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int y = 0, i = 0; y < LARGE_HEIGHT; y++) {
      byte green = (byte) (y * 255 / (LARGE_HEIGHT - 1));
      for (int x = 0; x < LARGE_WIDTH; x++, i += 3) {
        bgr[i] = LARGE_BLUE;
        bgr[i + 1] = green;
        bgr[i + 2] = (byte) (x * 255 / (LARGE_WIDTH - 1));
      }
    }
    return image;
  }

  /**
   * A PNG declaring {@code width × height} 8-bit RGB whose IDAT holds one compressed row of zeros:
   * a few hundred bytes that would need {@code 3 × width × height} bytes decoded.
   */
  private static byte[] bomb(int width, int height) {
    return RawPng.rgb8(width, height, RawPng.deflate(new byte[1 + 3 * width]));
  }


  /**
   * Four-channel JPEGs as Adobe software writes them. ImageIO's writer encodes a four-band raster
   * as is but marks it neither CMYK nor YCCK, so readers guess; real files carry an APP14 "Adobe"
   * segment whose transform byte says which (0 CMYK, 2 YCCK) and store every channel inverted
   * (255 = no ink). This class builds the samples that way and patches the segment in.
   */
  private static final class AdobeJpeg {

    static byte[] encode(List<Ink> quadrants, boolean ycck) {
      WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, Q, Q, 4, null);
      fillQuadrants(raster, quadrants.stream().map(ink -> stored(ink, ycck)).toList());
      ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
        writer.setOutput(stream);
        writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        writer.dispose();
      }
      byte[] jpeg = out.toByteArray();
      if ((jpeg[3] & 0xff) == 0xee) {
        throw new IllegalStateException("the JPEG writer wrote an APP14 segment of its own");
      }
      // After SOI: APP14, length 14, "Adobe", DCTEncode version 100, flags0, flags1, transform.
      byte[] app14 = {(byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0,
        (byte) (ycck ? 2 : 0)};
      ByteArrayOutputStream patched = new ByteArrayOutputStream();
      patched.write(jpeg, 0, 2);
      patched.writeBytes(app14);
      patched.write(jpeg, 2, jpeg.length - 2);
      return patched.toByteArray();
    }

    /**
     * The stored samples: the inverted inks for CMYK. For YCCK, C, M and Y go through the JFIF
     * RGB-to-YCbCr matrix uninverted, because decoders (libjpeg) turn YCC back into 255 - R, 255 -
     * G, 255 - B, which the Adobe inversion then undoes; K is stored inverted as for CMYK.
     */
    private static int[] stored(Ink ink, boolean ycck) {
      int c = ink.cyan();
      int m = ink.magenta();
      int y = ink.yellow();
      int k = 255 - ink.black();
      return ycck
          ? new int[] {
            clamp(0.299 * c + 0.587 * m + 0.114 * y),
            clamp(-0.168736 * c - 0.331264 * m + 0.5 * y + 128),
            clamp(0.5 * c - 0.418688 * m - 0.081312 * y + 128),
            k}
          : new int[] {255 - c, 255 - m, 255 - y, k};
    }

    private static int clamp(double value) {
      return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
  }
}
