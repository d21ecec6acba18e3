package io.fruits.pipeline.pca;

import static io.fruits.pipeline.pca.TwoPassReference.relativeError;
import static io.fruits.pipeline.pca.TwoPassReference.unpack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CovarianceAccumulatorTest {

  private static final int D = 37;
  private static final int N = 1500;

  private final float[] data = TwoPassReference.structuredRows(N, D, new Random(20261130));

  /** Against the textbook two-pass mean and co-moment, for batch sizes around the task's 32. */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4, 5, 7, 32, 33, 250, N})
  void batchesOfAnySizeMatchTheTwoPassReference(int batchSize) {
    try (CovarianceAccumulator accumulator = new CovarianceAccumulator(D)) {
      TwoPassReference.addInBatches(accumulator, data, D, 0, N, batchSize);
      CovarianceSums sums = accumulator.sums();

      assertEquals(N, sums.count());
      assertTrue(relativeError(sums.mean(), TwoPassReference.mean(data, N, D)) < 1e-12);
      double error = relativeError(unpack(sums.valuesRef(), D),
          TwoPassReference.coMoment(data, N, D));
      assertTrue(error < 1e-12, "co-moment relative error " + error);
    }
  }

  /**
   * The blocks are the accumulator's own: the embed tasks' inference batches of a few images give
   * the sums, bit for bit, that batches of 32 gave before.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4, 7, 33, 250, N})
  void rowsAddedInCallsOfAnySizeGiveTheSumsOf32RowCalls(int callSize) {
    try (CovarianceAccumulator in32 = new CovarianceAccumulator(D);
        CovarianceAccumulator inCalls = new CovarianceAccumulator(D)) {
      TwoPassReference.addInBatches(in32, data, D, 0, N, CovarianceAccumulator.BLOCK_ROWS);
      TwoPassReference.addInBatches(inCalls, data, D, 0, N, callSize);

      assertArrayEquals(in32.sums().mean(), inCalls.sums().mean());
      assertArrayEquals(in32.sums().valuesRef(), inCalls.sums().valuesRef());
    }
  }

  /**
   * Sums read in the middle hold the rows so far; rows added afterwards land on top of them, as
   * the products folded by the first read are not folded twice.
   */
  @Test
  void sumsReadTwiceHoldEveryRowOnce() {
    try (CovarianceAccumulator accumulator = new CovarianceAccumulator(D)) {
      TwoPassReference.addInBatches(accumulator, data, D, 0, 600, 32);
      double firstError = relativeError(unpack(accumulator.sums().valuesRef(), D),
          TwoPassReference.coMoment(TwoPassReference.slice(data, D, 0, 600), 600, D));
      TwoPassReference.addInBatches(accumulator, data, D, 600, N, 32);
      CovarianceSums sums = accumulator.sums();

      assertTrue(firstError < 1e-12, "after 600 rows: relative error " + firstError);
      assertEquals(N, sums.count());
      double error = relativeError(unpack(sums.valuesRef(), D),
          TwoPassReference.coMoment(data, N, D));
      assertTrue(error < 1e-12, "after all rows: relative error " + error);
    }
  }

  @Test
  void rejectsNonFiniteValuesAsTheSumsDo() {
    float[] broken = TwoPassReference.slice(data, D, 0, 4);
    broken[2 * D + 5] = Float.NaN;
    try (CovarianceAccumulator accumulator = new CovarianceAccumulator(D)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> accumulator.addRows(broken, 4));
      assertEquals("column 5 of the batch is not finite", e.getMessage());
      assertEquals(0, accumulator.sums().count());
      accumulator.addRows(TwoPassReference.slice(data, D, 0, 2), 2);
      assertEquals(2, accumulator.sums().count(), "the refused rows stayed out");
    }
  }

  @Test
  void rejectsArraysShorterThanTheRowsAndNegativeCounts() {
    try (CovarianceAccumulator accumulator = new CovarianceAccumulator(D)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> accumulator.addRows(new float[2 * D - 1], 2));
      assertEquals("2 rows of 37 need 74 floats, got 73", e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> accumulator.addRows(new float[2 * D], -1));
      assertEquals(0, accumulator.sums().count());
    }
    assertThrows(IllegalArgumentException.class, () -> new CovarianceAccumulator(0));
  }
}
