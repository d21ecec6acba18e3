package io.fruits.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.testing.CountingLocalFileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local files are read directly; these check that the bytes and the read errors stay the same. */
class ImageFileReadingTest {

  @TempDir Path root;

  @Test
  void readsTheListedLengthIntoAReusedBuffer() throws Exception {
    byte[] large = randomBytes(70_000);
    byte[] small = randomBytes(300);
    Path first = write("Kiwi/large.jpg", large);
    Path second = write("Kiwi/small.jpg", small);
    ImageFile image = new ImageFile();
    Configuration conf = new Configuration();

    ImageFileReading.read(hadoopPath(first), large.length, 0L, conf, image);
    assertNull(image.readError());
    assertArrayEquals(large, Arrays.copyOf(image.bytes(), image.byteCount()));
    byte[] buffer = image.bytes();

    ImageFileReading.read(hadoopPath(second), small.length, 0L, conf, image);
    assertNull(image.readError());
    assertArrayEquals(small, Arrays.copyOf(image.bytes(), image.byteCount()));
    assertSame(buffer, image.bytes(), "the larger buffer is reused");
  }

  @Test
  void aFileShorterThanListedBecomesAReadError() throws Exception {
    Path file = write("Lemon/cut.jpg", randomBytes(100));
    ImageFile image = new ImageFile();
    ImageFileReading.read(hadoopPath(file), 150, 0L, new Configuration(), image);
    assertTrue(image.readError().startsWith("EOFException"), image.readError());
    assertEquals(0, image.byteCount());
  }

  @Test
  void aFileLongerThanListedYieldsItsListedPrefix() throws Exception {
    byte[] bytes = randomBytes(500);
    Path file = write("Lemon/grown.jpg", bytes);
    ImageFile image = new ImageFile();
    ImageFileReading.read(hadoopPath(file), 200, 0L, new Configuration(), image);
    assertNull(image.readError());
    assertArrayEquals(Arrays.copyOf(bytes, 200), Arrays.copyOf(image.bytes(), image.byteCount()));
  }

  /** The file does not even exist: only its listed length is looked at. */
  @Test
  void aFileOverTheByteLimitIsMarkedTooLargeWithoutReadingIt() throws Exception {
    Configuration conf = new Configuration();
    conf.setLong(IngestKeys.MAX_BYTES.key(), 1_000);
    ImageFile image = new ImageFile();
    ImageFileReading.read(hadoopPath(root.resolve("Kiwi/absent.jpg")), 1_001, 0L, conf, image);
    assertTrue(image.tooLarge());
    assertEquals(1_000, image.byteLimit());
    assertNull(image.readError());
    assertEquals(0, image.byteCount());
    assertTrue(image.bytes().length < 1_001, "no buffer for the file");

    byte[] bytes = randomBytes(1_000);
    ImageFileReading.read(hadoopPath(write("Kiwi/k.jpg", bytes)), bytes.length, 0L, conf, image);
    assertFalse(image.tooLarge());
    assertArrayEquals(bytes, Arrays.copyOf(image.bytes(), image.byteCount()));
  }

  /**
   * Another file system for file: goes through FileSystem.open, and reads the same bytes. A
   * subclass of the local file system that records its opens tells whether the read went through
   * it; the plain local one is read around Hadoop.
   */
  @Test
  void otherFileSystemsAreReadThroughHadoop() throws Exception {
    byte[] bytes = randomBytes(5_000);
    Path file = write("Pear/p.jpg", bytes);
    Configuration conf = new Configuration();
    conf.setClass("fs.file.impl", CountingLocalFileSystem.class, FileSystem.class);
    conf.setBoolean("fs.file.impl.disable.cache", true);
    CountingLocalFileSystem.reset();
    ImageFile image = new ImageFile();
    ImageFileReading.read(hadoopPath(file), bytes.length, 0L, conf, image);
    assertNull(image.readError());
    assertArrayEquals(bytes, Arrays.copyOf(image.bytes(), image.byteCount()));
    assertEquals("Pear", image.label());
    assertEquals(1, CountingLocalFileSystem.opened().get(hadoopPath(file).toUri().getPath()),
        "opened through FileSystem.open: " + CountingLocalFileSystem.opened());
  }

  private Path write(String relative, byte[] bytes) throws Exception {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  private static org.apache.hadoop.fs.Path hadoopPath(Path file) {
    return new org.apache.hadoop.fs.Path(file.toUri());
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(n).nextBytes(bytes);
    return bytes;
  }
}
