package io.fruits.pipeline.pca;

import static io.fruits.pipeline.pca.TwoPassReference.sumsOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcaModelFileTest {

  private static final int D = 12;
  private static final String NAME = "mobilenet_v2_1.0_224 · float32 · ü";

  private static PcaModel model;
  private static byte[] bytes;

  @BeforeAll
  static void fitAndWrite() throws IOException {
    float[] data = TwoPassReference.structuredRows(200, D, new Random(9));
    model = PcaModel.fit(sumsOf(data, D, 0, 200), ComponentSelection.count(5), NAME);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PcaModelFile.write(model, out);
    bytes = out.toByteArray();
  }

  @Test
  void roundTripGivesAnIdenticalModel() throws IOException {
    assertSameModel(read(bytes));
  }

  /** The file holds the bytes written to memory, and reads back as the whole model. */
  @Test
  void roundTripThroughAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.bin");
    try (var out = Files.newOutputStream(file)) {
      PcaModelFile.write(model, out);
    }
    assertArrayEquals(bytes, Files.readAllBytes(file));
    try (var in = Files.newInputStream(file)) {
      assertSameModel(PcaModelFile.read(in));
    }
  }

  private static void assertSameModel(PcaModel back) {
    assertEquals(model.dimension(), back.dimension());
    assertEquals(model.count(), back.count());
    assertEquals(model.k(), back.k());
    assertEquals(NAME, back.modelName());
    assertArrayEquals(model.mean(), back.mean());
    assertArrayEquals(model.eigenvalues(), back.eigenvalues());
    assertArrayEquals(model.explainedVarianceRatio(), back.explainedVarianceRatio());
    assertEquals(model.k(), back.components().length);
    for (int i = 0; i < model.k(); i++) {
      assertArrayEquals(model.components()[i], back.components()[i]);
    }
    assertEquals(model.cumulativeExplainedVariance(), back.cumulativeExplainedVariance());
  }

  @Test
  void bytesFollowTheDocumentedLayout() throws IOException {
    int nameLength = NAME.getBytes(StandardCharsets.UTF_8).length;  // no NUL or supplementary
    assertEquals(30 + nameLength + 8 * (3 * D + 5 * D), bytes.length);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    byte[] magic = new byte[8];
    in.readFully(magic);
    assertEquals("FRUITPCA", new String(magic, StandardCharsets.US_ASCII));
    assertEquals(2, in.readInt());
    assertEquals(D, in.readInt());
    assertEquals(200, in.readLong());
    assertEquals(5, in.readInt());
    assertEquals(NAME, in.readUTF());
    assertEquals(model.mean()[0], in.readDouble());
    in.skipBytes(8 * (D - 1));
    assertEquals(model.eigenvalues()[0], in.readDouble());
    in.skipBytes(8 * (D - 1));
    assertEquals(model.explainedVarianceRatio()[0], in.readDouble());
    in.skipBytes(8 * (D - 1));
    in.skipBytes(8 * D);
    assertEquals(model.components()[1][0], in.readDouble());
    assertEquals(model.components()[1][1], in.readDouble());
  }

  @Test
  void unknownMagicIsRejected() {
    byte[] foreign = bytes.clone();
    foreign[0] = 'P';
    foreign[1] = 'K';
    IOException e = assertThrows(IOException.class, () -> read(foreign));
    assertTrue(e.getMessage().contains("not a PCA model file"), e.getMessage());
  }

  @Test
  void unknownVersionIsRejected() {
    byte[] future = bytes.clone();
    ByteBuffer.wrap(future).putInt(8, 3);
    IOException e = assertThrows(IOException.class, () -> read(future));
    assertTrue(e.getMessage().contains("version 3"), e.getMessage());
  }

  @Test
  void corruptHeaderAndTruncationAreRejected() {
    byte[] badK = bytes.clone();
    ByteBuffer.wrap(badK).putInt(24, D + 1);
    IOException e = assertThrows(IOException.class, () -> read(badK));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    assertThrows(EOFException.class, () -> read(Arrays.copyOf(bytes, bytes.length - 1)));
    assertThrows(EOFException.class, () -> read(Arrays.copyOf(bytes, 5)));
  }

  @Test
  void writeLeavesTheStreamOpen() throws IOException {
    boolean[] closed = {false};
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PcaModelFile.write(model, new FilterOutputStream(sink) {
      @Override
      public void close() {
        closed[0] = true;
      }
    });
    assertFalse(closed[0]);
    assertArrayEquals(bytes, sink.toByteArray());
  }

  private static PcaModel read(byte[] content) throws IOException {
    return PcaModelFile.read(new ByteArrayInputStream(content));
  }
}
