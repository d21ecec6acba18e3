package io.fruits.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnnAccuracyTest {

  private static final int CLASSES = 4;
  private static final int PER_CLASS = 20;
  private static final int DIM = 6;

  /** PER_CLASS points per label around a centre {@code spread} apart per label, unit noise. */
  private static float[][] clusters(double spread, String[] labels, long seed) {
    Random random = new Random(seed);
    float[][] points = new float[labels.length][DIM];
    for (int i = 0; i < labels.length; i++) {
      int c = i % CLASSES;
      labels[i] = "class-" + c;
      for (int j = 0; j < DIM; j++) {
        points[i][j] = (float) ((j == c % DIM ? spread : 0) + random.nextGaussian());
      }
    }
    return points;
  }

  @Test
  void separableClustersScorePerfectly() {
    String[] labels = new String[CLASSES * PER_CLASS];
    float[][] points = clusters(100, labels, 1);
    KnnAccuracy.Result r = KnnAccuracy.evaluate(points, labels, 0.3, 7);
    assertEquals(1.0, r.top1());
    assertEquals(1.0, r.topK());
    assertEquals(CLASSES, r.classes());
    assertEquals(CLASSES * 6, r.testRows()); // round(20 * 0.3) per label
    assertEquals(CLASSES * PER_CLASS - r.testRows(), r.trainRows());
    assertEquals(0.25, r.chance(), 1e-12);
  }

  @Test
  void shuffledLabelsScoreNearChance() {
    String[] labels = new String[CLASSES * 50];
    float[][] points = clusters(100, labels, 2);
    List<String> shuffled = new ArrayList<>(Arrays.asList(labels));
    Collections.shuffle(shuffled, new Random(3));
    KnnAccuracy.Result r = KnnAccuracy.evaluate(points, shuffled.toArray(new String[0]), 0.3, 7);
    assertTrue(r.top1() < 0.45, "1-NN " + r.top1() + " on random labels, chance is 0.25");
    assertTrue(r.topK() < 0.45, "5-NN " + r.topK() + " on random labels, chance is 0.25");
  }

  @Test
  void oneNearestNeighbourAgreesWithABruteForceCount() {
    String[] labels = new String[CLASSES * PER_CLASS];
    float[][] points = clusters(1.5, labels, 4); // overlapping: accuracy strictly between 0 and 1
    KnnAccuracy.Result r = KnnAccuracy.evaluate(points, labels, 0.3, 11);
    boolean[] test = KnnAccuracy.testMask(labels, 0.3, 11);
    int hits = 0;
    int tests = 0;
    for (int q = 0; q < points.length; q++) {
      if (!test[q]) {
        continue;
      }
      tests++;
      int best = -1;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (int t = 0; t < points.length; t++) {
        if (test[t]) {
          continue;
        }
        double d = 0;
        for (int j = 0; j < DIM; j++) {
          d += Math.pow((double) points[q][j] - points[t][j], 2);
        }
        if (d < bestDistance) {
          bestDistance = d;
          best = t;
        }
      }
      hits += labels[best].equals(labels[q]) ? 1 : 0;
    }
    assertEquals((double) hits / tests, r.top1(), 1e-12);
    assertTrue(r.top1() > 0.3 && r.top1() < 1.0, "expected an imperfect score, got " + r.top1());
  }

  @Test
  void everyLabelWithTwoRowsIsTestedAndSingletonsOnlyTrain() {
    List<String> list = new ArrayList<>();
    list.add("solo");
    list.addAll(Collections.nCopies(2, "pair"));
    list.addAll(Collections.nCopies(3, "three"));
    list.addAll(Collections.nCopies(10, "ten"));
    String[] labels = list.toArray(new String[0]);
    boolean[] test = KnnAccuracy.testMask(labels, 0.3, 5);
    assertEquals(0, count(labels, test, "solo", true));
    for (String label : List.of("pair", "three", "ten")) {
      assertTrue(count(labels, test, label, true) >= 1, label + " has no test row");
      assertTrue(count(labels, test, label, false) >= 1, label + " has no training row");
    }
    assertEquals(3, count(labels, test, "ten", true));
    assertArrayEquals(test, KnnAccuracy.testMask(labels, 0.3, 5), "same seed, same split");
  }

  @Test
  void differentSeedsSplitDifferently() {
    String[] labels = new String[100];
    Arrays.fill(labels, "one");
    assertFalse(Arrays.equals(KnnAccuracy.testMask(labels, 0.3, 1),
        KnnAccuracy.testMask(labels, 0.3, 2)));
  }

  @Test
  void onlySingletonsLeaveNothingToTest() {
    KnnAccuracy.Result r = KnnAccuracy.evaluate(new float[][] {{0, 0}, {1, 1}},
        new String[] {"a", "b"}, 0.3, 1);
    assertEquals(0, r.testRows());
    assertEquals(2, r.trainRows());
    assertFalse(r.hasTestRows());
    assertTrue(Double.isNaN(r.top1()));
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class,
        () -> KnnAccuracy.testMask(new String[] {"a"}, 1.0, 1));
    assertThrows(IllegalArgumentException.class,
        () -> KnnAccuracy.evaluate(new float[1][1], new String[2], 0.3, 1));
  }

  private static int count(String[] labels, boolean[] test, String label, boolean inTest) {
    int n = 0;
    for (int i = 0; i < labels.length; i++) {
      n += labels[i].equals(label) && test[i] == inTest ? 1 : 0;
    }
    return n;
  }
}
