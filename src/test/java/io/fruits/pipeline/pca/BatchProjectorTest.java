package io.fruits.pipeline.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The batched single-precision projection against the plain double-precision sum per component,
 * and a row's scores against the same row projected in other batches.
 */
class BatchProjectorTest {

  private static final int D = 1280;

  @Test
  void scoresAreTheCentredDotProductsWithEachComponent() {
    Random random = new Random(3);
    for (int k : new int[] {1, 3, 8, 377}) {
      PcaModel pca = model(random, k);
      float[][] rows = rows(random, 40);
      BatchProjector projector = new BatchProjector(pca, 16);
      for (int start = 0; start < rows.length; start += 16) {
        int end = Math.min(rows.length, start + 16);
        for (int r = start; r < end; r++) {
          projector.add(rows[r], 0);
        }
        projector.project();
        for (int r = start; r < end; r++) {
          float[] scores = projector.scores(r - start, new float[k]);
          double[] expected = reference(pca, rows[r]);
          for (int i = 0; i < k; i++) {
            // float32 products summed over 1280 terms: relative error ~1e-6 of the terms' size.
            assertEquals(expected[i], scores[i], 1e-4 * Math.max(1, Math.abs(expected[i])),
                "k " + k + ", row " + r + ", component " + i);
          }
        }
        projector.clear();
      }
    }
  }

  @Test
  void theMeanProjectsToZero() {
    PcaModel pca = model(new Random(5), 12);
    float[] mean = new float[D];
    double[] m = pca.mean();
    for (int j = 0; j < D; j++) {
      mean[j] = (float) m[j];
    }
    BatchProjector projector = new BatchProjector(pca, 4);
    projector.add(mean, 0);
    projector.project();
    for (float score : projector.scores(0, new float[12])) {
      assertEquals(0, score, 1e-5);
    }
  }

  /**
   * A row's scores do not depend on the rows that share its batch, nor on how many there are: the
   * product always spans the capacity, and OpenBLAS computes each row's dot products alone. Where
   * a row sits in the batch can change last bits (OpenBLAS's generic x86 kernels do, at the
   * position of a row in their register blocks), and is the same in every run of the same input.
   */
  @Test
  void aRowHasTheSameScoresBitForBitWhateverRowsShareItsBatch() {
    Random random = new Random(7);
    PcaModel pca = model(random, 377);
    float[][] rows = rows(random, 300);
    int position = 123;
    BatchProjector full = new BatchProjector(pca, 256);
    for (int r = 0; r < 256; r++) {
      full.add(rows[r], 0);
    }
    full.project();
    float[] expected = full.scores(position, new float[377]);

    for (int others : new int[] {0, 1, 7}) {
      BatchProjector partial = new BatchProjector(pca, 256);
      for (int r = 0; r < 256; r++) {
        partial.add(rows[256 + (r + others) % 44], 0);
      }
      partial.project();
      partial.clear();
      for (int r = 0; r < position; r++) {
        partial.add(rows[(r * 31 + others) % 300], 0);
      }
      partial.add(rows[position], 0);
      for (int r = 0; r < others; r++) {
        partial.add(rows[299 - r], 0);
      }
      partial.project();
      assertArrayEquals(expected, partial.scores(position, new float[377]),
          position + " other rows before it, " + others + " after it, the rest left from a batch before");
    }
  }

  @Test
  void rowsAreReadAtTheirOffsetAndTheBatchIsBounded() {
    Random random = new Random(9);
    PcaModel pca = model(random, 5);
    float[] row = rows(random, 1)[0];
    float[] padded = new float[D + 7];
    System.arraycopy(row, 0, padded, 7, D);
    BatchProjector unpadded = new BatchProjector(pca, 1);
    unpadded.add(row, 0);
    unpadded.project();
    BatchProjector projector = new BatchProjector(pca, 1);
    projector.add(padded, 7);
    projector.project();
    assertArrayEquals(unpadded.scores(0, new float[5]), projector.scores(0, new float[5]));
    assertThrows(IllegalStateException.class, () -> projector.add(row, 0));
    projector.clear();
    assertThrows(IndexOutOfBoundsException.class, () -> projector.add(padded, 8));
    assertThrows(IndexOutOfBoundsException.class, () -> projector.scores(0, new float[5]));
    assertThrows(IllegalArgumentException.class, () -> new BatchProjector(pca, 0));
  }

  private static double[] reference(PcaModel pca, float[] x) {
    double[] mean = pca.mean();
    double[][] components = pca.components();
    double[] scores = new double[pca.k()];
    for (int i = 0; i < scores.length; i++) {
      for (int j = 0; j < D; j++) {
        scores[i] += (x[j] - mean[j]) * components[i][j];
      }
    }
    return scores;
  }

  /** A model with random unit-scale components; projection does not need them orthogonal. */
  private static PcaModel model(Random random, int k) {
    double[] mean = random.doubles(D, -2, 2).toArray();
    double[] components = random.doubles((long) k * D, -0.1, 0.1).toArray();
    double[] eigenvalues = new double[D];
    Arrays.fill(eigenvalues, 1);
    double[] ratios = new double[D];
    Arrays.fill(ratios, 1.0 / D);
    return new PcaModel(D, 100, k, "test", mean, eigenvalues, ratios, components);
  }

  private static float[][] rows(Random random, int n) {
    float[][] rows = new float[n][D];
    for (float[] row : rows) {
      for (int j = 0; j < D; j++) {
        row[j] = (float) (random.nextGaussian() * 3);
      }
    }
    return rows;
  }
}
