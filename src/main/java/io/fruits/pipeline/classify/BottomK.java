package io.fruits.pipeline.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The {@code k} points of lowest rank among those offered, in memory proportional to k: the
 * bounded sample of one label. Ties in rank are broken by path, so the choice is total.
 */
final class BottomK {

  private static final Comparator<LabelledPoint> ORDER =
      Comparator.comparingLong(LabelledPoint::rank).thenComparing(LabelledPoint::path);

  private final int k;
  /** Highest rank on top, so it is the one a lower-ranked point replaces. */
  private final PriorityQueue<LabelledPoint> kept;

  BottomK(int k) {
    this.k = k;
    this.kept = new PriorityQueue<>(ORDER.reversed());
  }

  /** Keeps a copy of {@code point} if it is among the k lowest so far. */
  void offer(LabelledPoint point) {
    if (kept.size() < k) {
      kept.add(point.copy());
    } else if (ORDER.compare(point, kept.peek()) < 0) {
      kept.poll();
      kept.add(point.copy());
    }
  }

  /** The kept points, lowest rank first. */
  List<LabelledPoint> points() {
    List<LabelledPoint> points = new ArrayList<>(kept);
    points.sort(ORDER);
    return points;
  }
}
