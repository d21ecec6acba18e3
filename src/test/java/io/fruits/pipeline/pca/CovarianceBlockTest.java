package io.fruits.pipeline.pca;

import static io.fruits.pipeline.pca.TwoPassReference.relativeError;
import static io.fruits.pipeline.pca.TwoPassReference.sumsOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CovarianceBlockTest {

  private static final int D = 23;

  private final Random random = new Random(77);
  private final float[] data = TwoPassReference.structuredRows(300, D, random);

  @Test
  void fullDimensionBlockSerializesToTheTriangleAndMeanPlusASmallHeader() throws IOException {
    int d = 1280;
    CovarianceSums sums = sumsOf(TwoPassReference.structuredRows(3, d, random), d, 0, 3);
    CovarianceBlock block = sums.block(0, CovarianceSums.blockBounds(d, 1));
    long payload = 8L * ((long) d * (d + 1) / 2 + d);

    byte[] bytes = serialize(block);

    assertTrue(block.serializedSize() <= payload + 64, "size " + block.serializedSize());
    assertEquals(block.serializedSize(), bytes.length);
    CovarianceBlock back = deserialize(bytes);
    assertArrayEquals(block.values(), back.values());
    assertArrayEquals(block.mean(), back.mean());
  }

  @Test
  void roundTripKeepsEveryField() throws IOException {
    CovarianceSums sums = sumsOf(data, D, 0, 300);
    int[] bounds = CovarianceSums.blockBounds(D, 4);
    for (int b = 0; b < 4; b++) {
      CovarianceBlock block = sums.block(b, bounds);
      CovarianceBlock back = deserialize(serialize(block));
      assertEquals(b, back.blockIndex());
      assertEquals(bounds[b], back.rowStart());
      assertEquals(bounds[b + 1], back.rowEnd());
      assertEquals(D, back.dimension());
      assertEquals(300, back.count());
      assertArrayEquals(sums.mean(), back.mean());
      assertArrayEquals(block.values(), back.values());
    }
  }

  @Test
  void blockHoldsTheRowsOfThePackedTriangle() {
    CovarianceSums sums = sumsOf(data, D, 0, 300);
    double[] packed = sums.coMoment();
    int[] bounds = {0, 4, 11, D};
    int offset = 0;
    for (int b = 0; b < 3; b++) {
      double[] values = sums.block(b, bounds).values();
      int length = 0;
      for (int row = bounds[b]; row < bounds[b + 1]; row++) {
        length += D - row;
      }
      assertArrayEquals(Arrays.copyOfRange(packed, offset, offset + length), values);
      offset += length;
    }
    assertEquals(packed.length, offset);
  }

  @Test
  void mergeMatchesMergingTheWholeSums() {
    CovarianceSums a = sumsOf(data, D, 0, 120);
    CovarianceSums b = sumsOf(data, D, 120, 300);
    int[] bounds = CovarianceSums.blockBounds(D, 3);
    CovarianceBlock block = a.block(1, bounds);
    block.merge(b.block(1, bounds));
    a.merge(b);
    CovarianceBlock expected = a.block(1, bounds);

    assertEquals(300, block.count());
    assertTrue(relativeError(block.mean(), expected.mean()) < 1e-12);
    assertTrue(relativeError(block.values(), expected.values()) < 1e-12);
  }

  @Test
  void mergingEmptyChangesNothingAndMergingIntoEmptyCopies() {
    int[] bounds = CovarianceSums.blockBounds(D, 2);
    CovarianceBlock some = sumsOf(data, D, 0, 50).block(1, bounds);
    CovarianceBlock empty = new CovarianceSums(D).block(1, bounds);
    double[] values = some.values();
    some.merge(new CovarianceSums(D).block(1, bounds));
    assertEquals(50, some.count());
    assertArrayEquals(values, some.values());

    empty.merge(some);
    assertEquals(50, empty.count());
    assertArrayEquals(some.mean(), empty.mean());
    assertArrayEquals(values, empty.values());
  }

  @Test
  void mergeRejectsOtherRows() {
    CovarianceSums sums = sumsOf(data, D, 0, 50);
    int[] bounds = CovarianceSums.blockBounds(D, 3);
    CovarianceBlock block = sums.block(0, bounds);
    assertThrows(IllegalArgumentException.class, () -> block.merge(sums.block(1, bounds)));
    CovarianceBlock otherDimension = new CovarianceSums(D + 1).block(0, new int[] {0, D + 1});
    assertThrows(IllegalArgumentException.class, () -> block.merge(otherDimension));
    CovarianceBlock otherIndex = new CovarianceBlock(7, block.rowStart(), block.rowEnd(), D,
        block.count(), block.mean(), block.values());
    assertThrows(IllegalArgumentException.class, () -> block.merge(otherIndex));
  }

  @Test
  void copyIsIndependent() {
    CovarianceBlock block = sumsOf(data, D, 0, 50).block(0, new int[] {0, D});
    CovarianceBlock copy = block.copy();
    assertNotSame(block, copy);
    copy.merge(sumsOf(data, D, 50, 100).block(0, new int[] {0, D}));
    assertEquals(50, block.count());
    assertEquals(100, copy.count());
  }

  @Test
  void readRejectsForeignTruncatedAndCorruptInput() throws IOException {
    byte[] bytes = serialize(sumsOf(data, D, 0, 50).block(0, new int[] {0, 5, D}));

    byte[] foreign = bytes.clone();
    foreign[0] = 'X';
    IOException e = assertThrows(IOException.class, () -> deserialize(foreign));
    assertTrue(e.getMessage().contains("not a covariance block"), e.getMessage());

    assertThrows(EOFException.class, () -> deserialize(Arrays.copyOf(bytes, bytes.length - 1)));

    byte[] corrupt = bytes.clone();
    ByteBuffer.wrap(corrupt).putInt(12, D + 1);  // rowEnd beyond the dimension
    e = assertThrows(IOException.class, () -> deserialize(corrupt));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }

  static byte[] serialize(CovarianceBlock block) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.write(out);
    }
    return bytes.toByteArray();
  }

  static CovarianceBlock deserialize(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return CovarianceBlock.read(in);
    }
  }
}
