package io.fruits.pipeline.pca;

import static io.fruits.pipeline.pca.TwoPassReference.relativeError;
import static io.fruits.pipeline.pca.TwoPassReference.sumsOf;
import static io.fruits.pipeline.pca.TwoPassReference.unpack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CovarianceSumsTest {

  private static final int D = 37;
  private static final int N = 1500;
  private static final double TOLERANCE = 1e-9;

  private final Random random = new Random(20240611);
  private final float[] data = TwoPassReference.structuredRows(N, D, random);

  /** The sample covariance M2/(n−1); batches of any size are CovarianceAccumulatorTest's. */
  @Test
  void covarianceMatchesTheTwoPassReference() {
    CovarianceSums sums = sumsOf(data, D, 0, N, 32);

    assertEquals(N, sums.count());
    assertTrue(relativeError(sums.mean(), TwoPassReference.mean(data, N, D)) < 1e-12);
    double[][] expected = TwoPassReference.coMoment(data, N, D);
    double error = relativeError(unpack(sums.valuesRef(), D), expected);
    assertTrue(error < TOLERANCE, "co-moment relative error " + error);
    double covError = relativeError(sums.covariance(),
        TwoPassReference.covariance(data, N, D));
    assertTrue(covError < TOLERANCE, "covariance relative error " + covError);
  }

  @Test
  void meansFarFromZeroDoNotCostPrecision() {
    // Values near 1e5: a raw Σxxᵀ − n·mmᵀ, even in double, would lose about 1e-6 of the
    // co-moment to cancellation here.
    float[] shifted = data.clone();
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] += 100_000;
    }
    CovarianceSums sums = sumsOf(shifted, D, 0, N);
    double error =
        relativeError(unpack(sums.valuesRef(), D), TwoPassReference.coMoment(shifted, N, D));
    assertTrue(error < TOLERANCE, "relative error " + error);
  }

  @Test
  void partialsMergedInAnyOrderMatchOneSinglePass() {
    CovarianceSums single = sumsOf(data, D, 0, N);
    List<CovarianceSums> partials = partials(40);
    for (int order = 0; order < 3; order++) {
      Collections.shuffle(partials, random);
      CovarianceSums merged = new CovarianceSums(D);
      for (CovarianceSums partial : partials) {
        merged.merge(partial);
      }
      assertEquals(N, merged.count());
      assertTrue(relativeError(merged.mean(), single.mean()) < 1e-12);
      double error = relativeError(unpack(merged.valuesRef(), D), unpack(single.valuesRef(), D));
      assertTrue(error < TOLERANCE, "order " + order + ": relative error " + error);
    }
  }

  @Test
  void subtractingRowsLeavesTheSumsOfTheRest() {
    // The removed rows are scattered (every third row) and shifted far from the others' mean, so
    // both the mean correction and the δδᵀ term of the downdate matter.
    float[] shifted = data.clone();
    int removedCount = 0;
    for (int r = 0; r < N; r += 3) {
      removedCount++;
      for (int j = 0; j < D; j++) {
        shifted[r * D + j] += 50;
      }
    }
    float[] kept = new float[(N - removedCount) * D];
    float[] removed = new float[removedCount * D];
    int k = 0;
    int g = 0;
    for (int r = 0; r < N; r++) {
      if (r % 3 == 0) {
        System.arraycopy(shifted, r * D, removed, g++ * D, D);
      } else {
        System.arraycopy(shifted, r * D, kept, k++ * D, D);
      }
    }
    CovarianceSums all = sumsOf(shifted, D, 0, N);
    all.subtract(sumsOf(removed, D, 0, removedCount));

    assertEquals(k, all.count());
    assertTrue(relativeError(all.mean(), TwoPassReference.mean(kept, k, D)) < 1e-12);
    double error = relativeError(unpack(all.valuesRef(), D), TwoPassReference.coMoment(kept, k, D));
    assertTrue(error < TOLERANCE, "relative error " + error);
  }

  @Test
  void subtractingEveryRowEmptiesTheSumsAndMoreIsRefused() {
    CovarianceSums all = sumsOf(data, D, 0, N);
    CovarianceSums half = sumsOf(data, D, 0, N / 2);
    all.subtract(sumsOf(data, D, 0, N));
    assertEquals(0, all.count());
    assertArrayEquals(new double[D], all.mean());
    assertArrayEquals(new double[D * (D + 1) / 2], all.valuesRef());
    all.merge(half);
    assertEquals(N / 2, all.count());
    assertThrows(IllegalArgumentException.class, () -> all.subtract(sumsOf(data, D, 0, N)));
    assertThrows(IllegalArgumentException.class, () -> all.subtract(new CovarianceSums(D + 1)));
  }

  @Test
  void pairwiseTreeMergeMatchesOneSinglePass() {
    List<CovarianceSums> level = partials(33);
    while (level.size() > 1) {
      List<CovarianceSums> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        CovarianceSums left = level.get(i);
        if (i + 1 < level.size()) {
          left.merge(level.get(i + 1));
        }
        next.add(left);
      }
      level = next;
    }
    double error = relativeError(unpack(level.get(0).valuesRef(), D),
        TwoPassReference.coMoment(data, N, D));
    assertTrue(error < TOLERANCE, "relative error " + error);
  }

  @Test
  void mergingEmptySumsChangesNothingAndMergingIntoEmptyCopies() {
    CovarianceSums some = sumsOf(data, D, 0, 100);
    double[] meanBefore = some.mean();
    double[] m2Before = some.valuesRef().clone();
    some.merge(new CovarianceSums(D));
    assertEquals(100, some.count());
    assertArrayEquals(meanBefore, some.mean());
    assertArrayEquals(m2Before, some.valuesRef());

    CovarianceSums empty = new CovarianceSums(D);
    empty.merge(some);
    assertEquals(100, empty.count());
    assertArrayEquals(meanBefore, empty.mean());
    assertArrayEquals(m2Before, empty.valuesRef());
  }

  @Test
  void coMomentIsPackedRowByRowFromTheDiagonal() {
    CovarianceSums sums = sumsOf(data, 5, 0, 20);
    double[][] expected = TwoPassReference.coMoment(data, 20, 5);
    double[] packed = sums.valuesRef();
    assertEquals(15, packed.length);
    // Row 1 starts after row 0's 5 values; row 2 after row 1's 4.
    assertEquals(expected[0][4], packed[4], 1e-9);
    assertEquals(expected[1][1], packed[5], 1e-9);
    assertEquals(expected[2][3], packed[10], 1e-9);
    assertEquals(expected[4][4], packed[14], 1e-9);
  }

  @Test
  void covarianceNeedsTwoRows() {
    CovarianceSums sums = sumsOf(data, D, 0, 1);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, sums::covariance);
    assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
  }

  /** Bad batches (short arrays, negative counts, NaN) are CovarianceAccumulatorTest's. */
  @Test
  void rejectsDimensionZeroAndMergesOfAnotherDimension() {
    CovarianceSums sums = new CovarianceSums(4);
    assertThrows(IllegalArgumentException.class, () -> new CovarianceSums(0));
    assertThrows(IllegalArgumentException.class, () -> sums.merge(new CovarianceSums(5)));
  }

  @Test
  void blockBoundsBalanceTriangleElements() {
    for (int d : new int[] {1, 2, 7, 100, 1280}) {
      long total = (long) d * (d + 1) / 2;
      for (int blocks : new int[] {-3, 0, 1, 2, 3, 5, 8, 16, 64, d, d + 7}) {
        int[] bounds = CovarianceBlocks.blockBounds(d, blocks);
        int expectedBlocks = Math.max(1, Math.min(blocks, d));
        assertEquals(expectedBlocks + 1, bounds.length, "d=" + d + " blocks=" + blocks);
        assertEquals(0, bounds[0]);
        assertEquals(d, bounds[expectedBlocks]);
        for (int b = 0; b < expectedBlocks; b++) {
          assertTrue(bounds[b + 1] > bounds[b], Arrays.toString(bounds));
          if (expectedBlocks <= d / 4) {
            // Cutting between rows misses the ideal share by less than one row of d elements.
            long elements = 0;
            for (int row = bounds[b]; row < bounds[b + 1]; row++) {
              elements += d - row;
            }
            assertTrue(Math.abs(elements - (double) total / expectedBlocks) <= d,
                "d=" + d + " blocks=" + blocks + " block " + b + " holds " + elements);
          }
        }
      }
    }
  }

  @Test
  void blocksMergedSeparatelyAssembleToTheUnslicedMerge() {
    List<CovarianceSums> partials = partials(12);
    CovarianceSums unsliced = new CovarianceSums(D);
    partials.forEach(unsliced::merge);
    int[] bounds = CovarianceBlocks.blockBounds(D, 5);

    List<CovarianceSums> merged = new ArrayList<>();
    for (int b = 0; b < 5; b++) {
      List<CovarianceSums> pieces = new ArrayList<>();
      for (CovarianceSums partial : partials) {
        pieces.add(partial.block(b, bounds));
      }
      Collections.shuffle(pieces, random);
      CovarianceSums acc = pieces.get(0);
      pieces.subList(1, pieces.size()).forEach(acc::merge);
      merged.add(acc);
    }
    Collections.shuffle(merged, random);
    CovarianceSums assembled = CovarianceBlocks.assemble(merged);

    assertEquals(unsliced.count(), assembled.count());
    assertTrue(relativeError(assembled.mean(), unsliced.mean()) < 1e-12);
    double error = relativeError(unpack(assembled.valuesRef(), D), unpack(unsliced.valuesRef(), D));
    assertTrue(error < TOLERANCE, "relative error " + error);
  }

  @Test
  void assembleRejectsGapsOverlapsAndDisagreeingBlocks() {
    CovarianceSums sums = sumsOf(data, D, 0, 200);
    int[] bounds = CovarianceBlocks.blockBounds(D, 3);
    CovarianceSums b0 = sums.block(0, bounds);
    CovarianceSums b1 = sums.block(1, bounds);
    CovarianceSums b2 = sums.block(2, bounds);
    assertEquals(200, CovarianceBlocks.assemble(List.of(b2, b0, b1)).count());

    assertRejected(List.of(), "no covariance blocks");
    assertRejected(List.of(b0, b2), "missing");
    assertRejected(List.of(b1, b2), "missing");
    assertRejected(List.of(b0, b1), "missing");
    assertRejected(List.of(b0, b1, b1, b2), "overlaps");
    CovarianceSums straddling = sums.block(1, new int[] {0, bounds[1] - 1, D});
    assertRejected(List.of(b0, straddling), "overlaps");

    CovarianceSums more = sumsOf(data, D, 0, 201);
    assertRejected(List.of(b0, more.block(1, bounds), b2), "count");
    CovarianceSums shifted = sumsOf(data, D, 1, 201);
    assertRejected(List.of(b0, shifted.block(1, bounds), b2), "mean");
  }

  @Test
  void blockRejectsBadBoundsAndIndices() {
    CovarianceSums sums = sumsOf(data, D, 0, 10);
    int[] bounds = CovarianceBlocks.blockBounds(D, 3);
    assertThrows(IllegalArgumentException.class, () -> sums.block(3, bounds));
    assertThrows(IllegalArgumentException.class, () -> sums.block(-1, bounds));
    assertThrows(IllegalArgumentException.class, () -> sums.block(0, new int[] {0, 5, 5, D}));
    assertThrows(IllegalArgumentException.class, () -> sums.block(0, new int[] {1, D}));
    assertThrows(IllegalArgumentException.class, () -> sums.block(0, new int[] {0, D - 1}));
  }

  private static void assertRejected(List<CovarianceSums> blocks, String reason) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CovarianceBlocks.assemble(blocks));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  /** Sums over consecutive runs of random length (some empty) covering all N rows. */
  private List<CovarianceSums> partials(int parts) {
    int[] cuts = new int[parts + 1];
    for (int i = 1; i < parts; i++) {
      cuts[i] = random.nextInt(N + 1);
    }
    cuts[parts] = N;
    Arrays.sort(cuts);
    cuts[1] = cuts[0];  // at least one empty partial
    List<CovarianceSums> partials = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      partials.add(sumsOf(data, D, cuts[i], cuts[i + 1]));
    }
    return partials;
  }
}
