package io.fruits.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Nearest rows through matrix products against a brute-force search in double precision. */
class NeighboursTest {

  @Test
  void findsTheRowsABruteForceSearchFinds() {
    Random random = new Random(42);
    int n = 700;
    int columns = 377;
    float[][] points = new float[n][columns];
    for (float[] row : points) {
      for (int c = 0; c < columns; c++) {
        row[c] = (float) (random.nextGaussian() * 4);
      }
    }
    int[] train = IntStream.range(0, n).filter(i -> i % 3 != 0).toArray();
    int[] queries = IntStream.range(0, n).filter(i -> i % 3 == 0).toArray();
    int[][] found = new Neighbours(points, train).nearest(points, queries, 5);
    for (int q = 0; q < queries.length; q++) {
      float[] query = points[queries[q]];
      Integer[] expected = Arrays.stream(train).boxed()
          .sorted(Comparator.comparingDouble(t -> distance(points[t], query))).limit(5)
          .toArray(Integer[]::new);
      for (int rank = 0; rank < 5; rank++) {
        // Distances of ~3,000 agree to float precision; a swap of two rows that close is allowed.
        assertEquals(distance(points[expected[rank]], query),
            distance(points[found[q][rank]], query), 1e-3, "query " + q + ", rank " + rank);
      }
    }
  }

  @Test
  void equallyNearRowsComeInTrainingOrder() {
    float[][] points = {{0, 0}, {1, 0}, {0, 1}, {-1, 0}, {5, 5}};
    int[][] found = new Neighbours(points, new int[] {1, 2, 3, 4}).nearest(points, new int[] {0}, 3);
    assertArrayEquals(new int[] {1, 2, 3}, found[0]);
  }

  private static double distance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }
}
