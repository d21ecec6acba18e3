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

class CovarianceSumsBlocksTest {

  private static final int D = 23;

  private final Random random = new Random(77);
  private final float[] data = TwoPassReference.structuredRows(300, D, random);

  @Test
  void fullDimensionBlockSerializesToTheTriangleAndMeanPlusASmallHeader() throws IOException {
    int d = 1280;
    CovarianceSums sums = sumsOf(TwoPassReference.structuredRows(3, d, random), d, 0, 3);
    CovarianceSums block = sums.block(0, CovarianceBlocks.blockBounds(d, 1));
    long payload = 8L * ((long) d * (d + 1) / 2 + d);

    byte[] bytes = serialize(block);

    // Header: tag, rowStart, rowEnd and dimension as ints, then the count as a long.
    assertEquals(payload + 4 * Integer.BYTES + Long.BYTES, bytes.length);
    CovarianceSums back = deserialize(bytes);
    assertArrayEquals(block.valuesRef(), back.valuesRef());
    assertArrayEquals(block.mean(), back.mean());
  }

  @Test
  void roundTripKeepsEveryField() throws IOException {
    CovarianceSums sums = sumsOf(data, D, 0, 300);
    int[] bounds = CovarianceBlocks.blockBounds(D, 4);
    for (int b = 0; b < 4; b++) {
      CovarianceSums block = sums.block(b, bounds);
      CovarianceSums back = deserialize(serialize(block));
      assertEquals(bounds[b], back.rowStart());
      assertEquals(bounds[b + 1], back.rowEnd());
      assertEquals(D, back.dimension());
      assertEquals(300, back.count());
      assertArrayEquals(sums.mean(), back.mean());
      assertArrayEquals(block.valuesRef(), back.valuesRef());
    }
  }

  @Test
  void blockHoldsTheRowsOfThePackedTriangle() {
    CovarianceSums sums = sumsOf(data, D, 0, 300);
    double[] packed = sums.valuesRef();
    int[] bounds = {0, 4, 11, D};
    int offset = 0;
    for (int b = 0; b < 3; b++) {
      double[] values = sums.block(b, bounds).valuesRef();
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
    int[] bounds = CovarianceBlocks.blockBounds(D, 3);
    CovarianceSums block = a.block(1, bounds);
    block.merge(b.block(1, bounds));
    a.merge(b);
    CovarianceSums expected = a.block(1, bounds);

    assertEquals(300, block.count());
    assertTrue(relativeError(block.mean(), expected.mean()) < 1e-12);
    assertTrue(relativeError(block.valuesRef(), expected.valuesRef()) < 1e-12);
  }

  @Test
  void mergingEmptyChangesNothingAndMergingIntoEmptyCopies() {
    int[] bounds = CovarianceBlocks.blockBounds(D, 2);
    CovarianceSums some = sumsOf(data, D, 0, 50).block(1, bounds);
    CovarianceSums empty = new CovarianceSums(D).block(1, bounds);
    double[] values = some.valuesRef().clone();
    some.merge(new CovarianceSums(D).block(1, bounds));
    assertEquals(50, some.count());
    assertArrayEquals(values, some.valuesRef());

    empty.merge(some);
    assertEquals(50, empty.count());
    assertArrayEquals(some.mean(), empty.mean());
    assertArrayEquals(values, empty.valuesRef());
  }

  @Test
  void mergeRejectsOtherRows() {
    CovarianceSums sums = sumsOf(data, D, 0, 50);
    int[] bounds = CovarianceBlocks.blockBounds(D, 3);
    CovarianceSums block = sums.block(0, bounds);
    assertThrows(IllegalArgumentException.class, () -> block.merge(sums.block(1, bounds)));
    CovarianceSums otherDimension = new CovarianceSums(D + 1).block(0, new int[] {0, D + 1});
    assertThrows(IllegalArgumentException.class, () -> block.merge(otherDimension));
  }

  @Test
  void copyIsIndependent() {
    CovarianceSums block = sumsOf(data, D, 0, 50).block(0, new int[] {0, D});
    CovarianceSums copy = block.copy();
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
    assertTrue(e.getMessage().contains("not covariance sums"), e.getMessage());

    assertThrows(EOFException.class, () -> deserialize(Arrays.copyOf(bytes, bytes.length - 1)));

    byte[] corrupt = bytes.clone();
    ByteBuffer.wrap(corrupt).putInt(8, D + 1);  // rowEnd beyond the dimension
    e = assertThrows(IOException.class, () -> deserialize(corrupt));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }

  static byte[] serialize(CovarianceSums block) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      CovarianceSumsWritable.write(block, out);
    }
    return bytes.toByteArray();
  }

  static CovarianceSums deserialize(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return CovarianceSumsWritable.read(in);
    }
  }
}
