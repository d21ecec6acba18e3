package io.fruits.pipeline.pca;

import static io.fruits.pipeline.pca.TwoPassReference.sumsOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.junit.jupiter.api.Test;

class CovarianceSumsWritableTest {

  private static final int D = 19;

  private final float[] data = TwoPassReference.structuredRows(80, D, new Random(5));
  private final int[] bounds = CovarianceBlocks.blockBounds(D, 2);

  @Test
  void roundTripThroughHadoopBuffersKeepsTheBlock() throws IOException {
    CovarianceSums first = sumsOf(data, D, 0, 40).block(0, bounds);
    CovarianceSums second = sumsOf(data, D, 40, 80).block(1, bounds);
    DataOutputBuffer out = new DataOutputBuffer();
    CovarianceSumsWritable writable = new CovarianceSumsWritable();
    writable.set(first);
    writable.write(out);
    writable.set(second);
    writable.write(out);
    // Two 24-byte headers, two whole means and, between the blocks, the whole packed triangle.
    assertEquals(2 * 24 + 8 * (2 * D + D * (D + 1) / 2), out.getLength());

    DataInputBuffer in = new DataInputBuffer();
    in.reset(out.getData(), out.getLength());
    CovarianceSumsWritable reused = new CovarianceSumsWritable();
    reused.readFields(in);
    CovarianceSums readFirst = reused.get();
    reused.readFields(in);
    CovarianceSums readSecond = reused.get();

    assertSameBlock(first, readFirst);
    assertSameBlock(second, readSecond);
    assertNotSame(readFirst, readSecond);
  }

  @Test
  void holdsTheBlockItSetsAndRefusesToWriteNothing() {
    CovarianceSumsWritable writable = new CovarianceSumsWritable();
    assertNull(writable.get());
    assertThrows(IllegalStateException.class, () -> writable.write(new DataOutputBuffer()));
    assertThrows(NullPointerException.class, () -> writable.set(null));
    CovarianceSums block = sumsOf(data, D, 0, 10).block(1, bounds);
    writable.set(block);
    assertSame(block, writable.get());
  }

  /** Rows, dimension and count, then the mean and the values, equal to the last bit. */
  private static void assertSameBlock(CovarianceSums expected, CovarianceSums actual) {
    assertEquals(List.of(expected.rowStart(), expected.rowEnd(), expected.dimension()),
        List.of(actual.rowStart(), actual.rowEnd(), actual.dimension()));
    assertEquals(expected.count(), actual.count());
    assertArrayEquals(expected.mean(), actual.mean());
    assertArrayEquals(expected.valuesRef(), actual.valuesRef());
  }
}
