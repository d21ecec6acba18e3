package io.fruits.pipeline.pca;

import static io.fruits.pipeline.pca.TwoPassReference.sumsOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Random;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.junit.jupiter.api.Test;

class CovarianceBlockWritableTest {

  private static final int D = 19;

  private final float[] data = TwoPassReference.structuredRows(80, D, new Random(5));
  private final int[] bounds = CovarianceSums.blockBounds(D, 2);

  @Test
  void roundTripThroughHadoopBuffersKeepsTheBlock() throws IOException {
    CovarianceBlock first = sumsOf(data, D, 0, 40).block(0, bounds);
    CovarianceBlock second = sumsOf(data, D, 40, 80).block(1, bounds);
    DataOutputBuffer out = new DataOutputBuffer();
    CovarianceBlockWritable writable = new CovarianceBlockWritable();
    writable.set(first);
    writable.write(out);
    writable.set(second);
    writable.write(out);
    assertEquals(first.serializedSize() + second.serializedSize(), out.getLength());

    DataInputBuffer in = new DataInputBuffer();
    in.reset(out.getData(), out.getLength());
    CovarianceBlockWritable reused = new CovarianceBlockWritable();
    reused.readFields(in);
    CovarianceBlock readFirst = reused.get();
    reused.readFields(in);
    CovarianceBlock readSecond = reused.get();

    assertSameBlock(first, readFirst);
    assertSameBlock(second, readSecond);
    assertNotSame(readFirst, readSecond);
  }

  @Test
  void holdsTheBlockItSetsAndRefusesToWriteNothing() {
    CovarianceBlockWritable writable = new CovarianceBlockWritable();
    assertNull(writable.get());
    assertThrows(IllegalStateException.class, () -> writable.write(new DataOutputBuffer()));
    assertThrows(NullPointerException.class, () -> writable.set(null));
    CovarianceBlock block = sumsOf(data, D, 0, 10).block(1, bounds);
    writable.set(block);
    assertSame(block, writable.get());
  }

  private static void assertSameBlock(CovarianceBlock expected, CovarianceBlock actual) {
    assertEquals(expected.blockIndex(), actual.blockIndex());
    assertEquals(expected.rowStart(), actual.rowStart());
    assertEquals(expected.rowEnd(), actual.rowEnd());
    assertEquals(expected.dimension(), actual.dimension());
    assertEquals(expected.count(), actual.count());
    assertArrayEquals(expected.mean(), actual.mean());
    assertArrayEquals(expected.values(), actual.values());
  }
}
