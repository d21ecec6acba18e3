package io.fruits.pipeline.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * How well the features separate the labels: k-nearest-neighbour accuracy (Euclidean, k = 1 and
 * k = 5) on a held-out split that is stratified per label and seeded, so the same rows give the
 * same number. Plain Java: points are {@code float[]} rows, labels strings.
 *
 * <p>Each label's rows are shuffled with the seed and about {@code testFraction} of them held out,
 * at least one and never all: a label with a single row goes to training only, every label with
 * two or more rows has at least one test row and one training row.
 */
public final class KnnAccuracy {

  /** The larger neighbourhood scored besides 1-NN. */
  public static final int K = 5;

  /**
   * Scores on the held-out rows.
   *
   * @param top1 share of test rows whose nearest training row has the same label (NaN without
   *     test rows)
   * @param topK the same with a majority vote of the {@link #K} nearest (ties: the label met
   *     first, nearest first)
   * @param chance share of the most frequent label among the test rows: what always guessing it
   *     scores
   */
  public record Result(int trainRows, int testRows, int classes, double top1, double topK,
      double chance) {

    public boolean hasTestRows() {
      return testRows > 0;
    }
  }

  private KnnAccuracy() {}

  /** Which rows are held out for testing: {@code true} at index i puts row i in the test split. */
  public static boolean[] testMask(String[] labels, double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
    }
    Map<String, List<Integer>> byLabel = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      byLabel.computeIfAbsent(Objects.requireNonNull(labels[i], "label"), l -> new ArrayList<>())
          .add(i);
    }
    Random random = new Random(seed);
    boolean[] test = new boolean[labels.length];
    for (List<Integer> rows : byLabel.values()) {
      int n = rows.size();
      if (n < 2) {
        continue;
      }
      Collections.shuffle(rows, random);
      int held = (int) Math.max(1, Math.min(n - 1, Math.round(n * testFraction)));
      for (int j = 0; j < held; j++) {
        test[rows.get(j)] = true;
      }
    }
    return test;
  }

  /** Splits with {@link #testMask} and scores the test rows against the training rows. */
  public static Result evaluate(float[][] points, String[] labels, double testFraction, long seed) {
    if (points.length != labels.length) {
      throw new IllegalArgumentException(
          points.length + " points but " + labels.length + " labels");
    }
    boolean[] test = testMask(labels, testFraction, seed);
    int[] train = indices(test, false);
    int[] held = indices(test, true);
    Map<String, Integer> testCounts = new HashMap<>();
    for (int q : held) {
      testCounts.merge(labels[q], 1, Integer::sum);
    }
    int[][] neighbours = new Neighbours(points, train).nearest(points, held, K);
    int hits1 = 0;
    int hitsK = 0;
    for (int i = 0; i < held.length; i++) {
      String label = labels[held[i]];
      if (labels[neighbours[i][0]].equals(label)) {
        hits1++;
      }
      if (vote(labels, neighbours[i]).equals(label)) {
        hitsK++;
      }
    }
    int classes = (int) Arrays.stream(labels).distinct().count();
    if (held.length == 0) {
      return new Result(train.length, 0, classes, Double.NaN, Double.NaN, Double.NaN);
    }
    int largest = Collections.max(testCounts.values());
    return new Result(train.length, held.length, classes, (double) hits1 / held.length,
        (double) hitsK / held.length, (double) largest / held.length);
  }

  private static int[] indices(boolean[] mask, boolean value) {
    int count = 0;
    for (boolean b : mask) {
      count += b == value ? 1 : 0;
    }
    int[] out = new int[count];
    int n = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] == value) {
        out[n++] = i;
      }
    }
    return out;
  }

  private static String vote(String[] labels, int[] nearest) {
    Map<String, Integer> votes = new HashMap<>();
    for (int n : nearest) {
      votes.merge(labels[n], 1, Integer::sum);
    }
    int most = Collections.max(votes.values());
    for (int n : nearest) {
      if (votes.get(labels[n]) == most) {
        return labels[n];
      }
    }
    throw new IllegalStateException("no neighbours");
  }
}
