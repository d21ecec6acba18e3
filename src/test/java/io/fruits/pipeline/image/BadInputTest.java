package io.fruits.pipeline.image;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fruits.pipeline.ingest.ImageFile;
import io.fruits.pipeline.ingest.ImageFileReading;
import io.fruits.pipeline.testing.BadInputCorpus;
import io.fruits.pipeline.testing.BadInputCorpus.Expected;
import io.fruits.pipeline.testing.DenyingLocalFileSystem;
import java.time.Duration;
import java.awt.Color;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every file of {@link BadInputCorpus} through {@link ImagePreprocessor} as the embedding
 * mapper does, and checks that each is embedded with the
 * colours it was made of, or rejected with the expected reason, and that nothing else escapes.
 */
class BadInputTest {

  private static final InputSpec SPEC = new InputSpec(224, 224, PixelLayout.NHWC, PixelScaling.TF);
  private static final int SLOT = 1;
  /** Output pixels at the centres of the four quadrants, as (x, y). */
  private static final int[][] QUADRANT_CENTRES = {{56, 56}, {168, 56}, {56, 168}, {168, 168}};
  private static final double JPEG_TOLERANCE = 4;
  private static final double CMYK_TOLERANCE = 8;
  private static final double EXACT = 0.01;

  /** How the colours of the images built from known values must come out, by corpus path. */
  private static final Map<String, Consumer<float[]>> CONTENT = Map.of(
      BadInputCorpus.RGBA_PNG, values -> assertQuadrants(values, EXACT + 1,
          BadInputCorpus.RGBA_QUADRANTS.stream().map(BadInputTest::onWhite).toList()),
      BadInputCorpus.GRAY_JPEG, values -> {
        assertQuadrants(values, JPEG_TOLERANCE,
            BadInputCorpus.GRAY_QUADRANTS.stream().map(v -> new double[] {v, v, v}).toList());
        assertEqualChannels(values);
      },
      BadInputCorpus.PALETTE_PNG, values -> assertQuadrants(values, EXACT,
          BadInputCorpus.PALETTE_QUADRANTS.stream().map(BadInputTest::onWhite).toList()),
      BadInputCorpus.CMYK_JPEG, BadInputTest::isCmykQuadrants,
      BadInputCorpus.YCCK_JPEG, BadInputTest::isCmykQuadrants,
      BadInputCorpus.GRAY16_PNG, values -> {
        assertQuadrants(values, EXACT, BadInputCorpus.GRAY16_QUADRANTS.stream()
            .map(v -> new double[] {to8Bit(v), to8Bit(v), to8Bit(v)}).toList());
        assertEqualChannels(values);
      },
      BadInputCorpus.RGB16_PNG, values -> assertQuadrants(values, 1 + EXACT,
          BadInputCorpus.RGB16_QUADRANTS.stream()
              .map(c -> new double[] {to8Bit(c.red()), to8Bit(c.green()), to8Bit(c.blue())})
              .toList()),
      BadInputCorpus.LARGE_JPEG, BadInputTest::isLargeGradient);

  @TempDir static Path temp;
  private static Path root;
  private static Map<String, Expected> corpus;

  private final ImagePreprocessor preprocessor = new ImagePreprocessor(SPEC, 50_000_000, Duration.ofSeconds(30));
  private final FloatBuffer batch = ByteBuffer.allocateDirect(3 * SPEC.valuesPerImage() * 4)
      .order(ByteOrder.nativeOrder()).asFloatBuffer();

  @AfterEach
  void closePreprocessor() {
    preprocessor.close();
  }

  @BeforeAll
  static void writeCorpus() throws IOException {
    root = temp.resolve("Fruits Corpus");
    corpus = BadInputCorpus.write(root);
  }

  @TestFactory
  Stream<DynamicTest> everyFileIsEmbeddedOrRejectedAsExpected() {
    return corpus.entrySet().stream()
        .filter(entry -> entry.getValue().reason() != RejectReason.UNREADABLE)
        .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
          byte[] bytes = Files.readAllBytes(file(entry.getKey()));
          check(entry.getKey(), entry.getValue(), bytes);
        }));
  }

  @Test
  void unreadableFilesBecomeReadErrorsAndTheOthersReadInFull() throws IOException {
    Configuration conf = new Configuration();
    DenyingLocalFileSystem.install(conf);
    ImageFile image = new ImageFile();
    for (Map.Entry<String, Expected> entry : corpus.entrySet()) {
      Path file = file(entry.getKey());
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
      ImageFileReading.read(path, Files.size(file), Files.getLastModifiedTime(file).toMillis(), conf, image);
      assertEquals(entry.getValue().label(), image.label(), entry.getKey());
      if (entry.getValue().reason() == RejectReason.UNREADABLE) {
        assertNotNull(image.readError(), entry.getKey());
        assertTrue(image.readError().contains("Permission denied"), image.readError());
      } else {
        assertNull(image.readError(), entry.getKey());
        assertArrayEquals(Files.readAllBytes(file), Arrays.copyOf(image.bytes(), image.byteCount()), entry.getKey());
      }
    }
  }

  @Test
  void corpusCoversEveryOutcomeAndIsReproducible() throws IOException {
    for (RejectReason reason : RejectReason.values()) {
      // A timeout depends on the machine, not the file: see decodeTimeoutRejectsAndTheNextFileStillDecodes.
      if (reason != RejectReason.TIMED_OUT) {
        assertTrue(BadInputCorpus.rejectedCount(corpus, reason) > 0, reason.name());
      }
    }
    assertTrue(BadInputCorpus.embeddedCount(corpus) >= 15, corpus.toString());
    assertEquals("Fruits Corpus", corpus.get(BadInputCorpus.FILE_AT_ROOT).label());
    assertEquals("Banana", corpus.get(BadInputCorpus.CMYK_JPEG).label());
    try (Stream<Path> emptyClass = Files.list(root.resolve(BadInputCorpus.EMPTY_CLASS))) {
      assertEquals(0, emptyClass.count());
    }
    Path again = temp.resolve("again").resolve(root.getFileName().toString());
    assertEquals(corpus, BadInputCorpus.write(again));
    for (String relative : corpus.keySet()) {
      assertArrayEquals(Files.readAllBytes(file(relative)),
          Files.readAllBytes(again.resolve(relative)), relative);
    }
  }

  @Test
  void unicodeNameIsInTheCorpusWhenTheJvmCanWriteIt() {
    assumeTrue(BadInputCorpus.canWriteUnicodeNames(), "file names are encoded as "
        + System.getProperty("sun.jnu.encoding") + "; run with a UTF-8 locale, e.g. LANG=C.UTF-8");
    assertTrue(corpus.get(BadInputCorpus.UNICODE_FILE).embedded());
  }

  /**
   * With a timeout far below what decoding the 6000×4500 JPEG takes (its 1/8 decode still reads
   * some 630,000 blocks' codes: tens of milliseconds), that file is TIMED_OUT, and the next file
   * still decodes (on a new worker thread) with its colours.
   */
  @Test
  void decodeTimeoutRejectsAndTheNextFileStillDecodes() throws Exception {
    byte[] large = Files.readAllBytes(file(BadInputCorpus.LARGE_JPEG));
    byte[] small = Files.readAllBytes(file(BadInputCorpus.GRAY_JPEG));
    try (ImagePreprocessor hurried = new ImagePreprocessor(SPEC, 50_000_000, Duration.ofMillis(5))) {
      ImageRejectedException e = assertThrows(ImageRejectedException.class,
          () -> hurried.write(large, large.length, batch, SLOT));
      assertEquals(RejectReason.TIMED_OUT, e.reason());
      fillWithNaN();
      // The 64×64 gray JPEG decodes in a fraction of a millisecond once warm; a busy machine may
      // still deschedule the worker for longer, so it gets a few attempts.
      ImageRejectedException last = null;
      for (int attempt = 0; attempt < 20; attempt++) {
        try {
          hurried.write(small, small.length, batch, SLOT);
          CONTENT.get(BadInputCorpus.GRAY_JPEG).accept(slot());
          return;
        } catch (ImageRejectedException timedOut) {
          last = timedOut;
        }
      }
      fail("the small JPEG never decoded within 5 ms: " + last.getMessage());
    }
  }

  /** Damaged copies of the valid files: each must be embedded or rejected, never thrown. */
  @Test
  void mutatedFilesAreEmbeddedOrRejectedNeverThrown() throws InterruptedException {
    Random random = new Random(17);
    List<byte[]> valid = corpus.entrySet().stream()
        .filter(entry -> entry.getValue().embedded())
        .filter(entry -> !entry.getKey().equals(BadInputCorpus.LARGE_JPEG))
        .map(entry -> readAllBytes(file(entry.getKey()))).toList();
    int embedded = 0;
    try (ImagePreprocessor small = new ImagePreprocessor(SPEC, 4_000_000, Duration.ofSeconds(30))) {
      for (int i = 0; i < 1000; i++) {
        byte[] bytes = mutate(valid.get(random.nextInt(valid.size())), random);
        try {
          small.write(bytes, bytes.length, batch, SLOT);
        } catch (ImageRejectedException e) {
          assertFalse(e.detail().isEmpty());
          continue;
        }
        assertInRange(slot(), "mutant " + i);
        embedded++;
      }
    }
    assertTrue(embedded > 100, "only " + embedded + " mutants decoded");
  }

  private void check(String relative, Expected expected, byte[] bytes)
      throws InterruptedException {
    fillWithNaN();
    ImageRejectedException rejected = null;
    try {
      preprocessor.write(bytes, bytes.length, batch, SLOT);
    } catch (ImageRejectedException e) {
      rejected = e;
    }
    if (!expected.embedded()) {
      assertNotNull(rejected, relative + " was embedded, expected " + expected.reason());
      assertEquals(expected.reason(), rejected.reason(), rejected.getMessage());
      assertFalse(rejected.detail().isBlank(), rejected.getMessage());
    } else if (rejected != null) {
      fail(relative + " was rejected: " + rejected.getMessage());
    } else {
      float[] values = slot();
      assertInRange(values, relative);
      assertAll(relative,
          () -> CONTENT.getOrDefault(relative, BadInputTest::isFruit).accept(values));
    }
    for (int i = 0; i < batch.capacity(); i++) {
      if (!expected.embedded() || i / SPEC.valuesPerImage() != SLOT) {
        assertTrue(Float.isNaN(batch.get(i)), relative + " wrote outside its slot at " + i);
      }
    }
  }

  /** Naive CMYK to RGB, (1 - ink) per channel times (1 - black): no colour profile is embedded. */
  private static void isCmykQuadrants(float[] values) {
    assertQuadrants(values, CMYK_TOLERANCE, BadInputCorpus.CMYK_QUADRANTS.stream().map(ink -> {
      double white = 255 * (1 - ink.black() / 255.0);
      return new double[] {
        white * (1 - ink.cyan() / 255.0),
        white * (1 - ink.magenta() / 255.0),
        white * (1 - ink.yellow() / 255.0)};
    }).toList());
  }

  /**
   * The linear gradient the large JPEG was made of, at each output pixel's centre (half-pixel
   * convention): on a linear ramp the area average of a footprint equals this bilinear sample.
   */
  private static void isLargeGradient(float[] values) {
    for (int y = 0; y < SPEC.height(); y += 37) {
      for (int x = 0; x < SPEC.width(); x += 37) {
        double[] expected = {
          gradient(x, SPEC.width(), BadInputCorpus.LARGE_WIDTH),
          gradient(y, SPEC.height(), BadInputCorpus.LARGE_HEIGHT),
          BadInputCorpus.LARGE_BLUE};
        assertRgb(expected, values, x, y, JPEG_TOLERANCE);
      }
    }
  }

  private static double gradient(int target, int targetSize, int sourceSize) {
    double centre = (target + 0.5) * sourceSize / targetSize - 0.5;
    double s = Math.min(Math.max(centre, 0), sourceSize - 1);
    int low = (int) s;
    int high = Math.min(low + 1, sourceSize - 1);
    double a = low * 255 / (sourceSize - 1);
    double b = high * 255 / (sourceSize - 1);
    return a + (b - a) * (s - low);
  }

  /** Every other valid image: a fruit-coloured disc in the middle, white corners. */
  private static void isFruit(float[] values) {
    Color fruit = BadInputCorpus.FRUIT;
    double[] white = {255, 255, 255};
    assertRgb(new double[] {fruit.getRed(), fruit.getGreen(), fruit.getBlue()}, values, 112, 112,
        JPEG_TOLERANCE);
    for (int[] corner : new int[][] {{0, 0}, {223, 0}, {0, 223}, {223, 223}}) {
      assertRgb(white, values, corner[0], corner[1], JPEG_TOLERANCE);
    }
  }

  private static void assertQuadrants(float[] values, double tolerance, List<double[]> expected) {
    for (int q = 0; q < 4; q++) {
      assertRgb(expected.get(q), values, QUADRANT_CENTRES[q][0], QUADRANT_CENTRES[q][1], tolerance);
    }
  }

  private static void assertRgb(double[] expected, float[] values, int x, int y, double tolerance) {
    for (int c = 0; c < 3; c++) {
      double actual = (values[(y * SPEC.width() + x) * 3 + c] + 1) * 127.5;
      assertEquals(expected[c], actual, tolerance,
          "channel " + c + " at (" + x + ", " + y + "): expected " + Arrays.toString(expected));
    }
  }

  private static void assertEqualChannels(float[] values) {
    for (int i = 0; i < values.length; i += 3) {
      assertEquals(values[i], values[i + 1], "gray pixel " + i / 3);
      assertEquals(values[i], values[i + 2], "gray pixel " + i / 3);
    }
  }

  private static void assertInRange(float[] values, String what) {
    for (int i = 0; i < values.length; i++) {
      assertTrue(values[i] >= -1 && values[i] <= 1, what + ": value " + values[i] + " at " + i);
    }
  }

  private static double[] onWhite(Color c) {
    double alpha = c.getAlpha() / 255.0;
    return new double[] {
      c.getRed() * alpha + 255 * (1 - alpha),
      c.getGreen() * alpha + 255 * (1 - alpha),
      c.getBlue() * alpha + 255 * (1 - alpha)};
  }

  private static double to8Bit(int sample16) {
    return Math.round(sample16 * 255 / 65535.0);
  }

  /** One of: flipped bits, overwritten header bytes, a cut, or a run of 0xff. */
  private static byte[] mutate(byte[] original, Random random) {
    byte[] bytes = original.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
          bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> {
        int header = Math.min(bytes.length, 400);
        for (int i = 0; i < 3; i++) {
          bytes[random.nextInt(header)] = (byte) random.nextInt(256);
        }
      }
      case 2 -> bytes = Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length));
      default -> {
        int start = random.nextInt(bytes.length);
        int end = Math.min(bytes.length, start + 1 + random.nextInt(16));
        Arrays.fill(bytes, start, end, (byte) -1);
      }
    }
    return bytes;
  }

  private float[] slot() {
    float[] values = new float[SPEC.valuesPerImage()];
    batch.get(SLOT * SPEC.valuesPerImage(), values);
    return values;
  }

  private void fillWithNaN() {
    for (int i = 0; i < batch.capacity(); i++) {
      batch.put(i, Float.NaN);
    }
  }

  private static Path file(String relative) {
    return root.resolve(relative);
  }

  private static byte[] readAllBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }
}
