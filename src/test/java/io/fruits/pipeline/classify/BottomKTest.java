package io.fruits.pipeline.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sample is the rows of lowest seeded rank, whatever the order of the rows and however they
 * are split among tasks, as the training job relies on.
 */
class BottomKTest {

  private static List<LabelledPoint> points(long seed, int n) {
    List<LabelledPoint> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String path = "file:/photos/Kiwi/" + i + "_100.jpg";
      points.add(new LabelledPoint(SampleRank.rank(seed, path), path, new float[] {i}));
    }
    return points;
  }

  private static List<String> paths(List<LabelledPoint> points) {
    return points.stream().map(LabelledPoint::path).toList();
  }

  @Test
  void keepsTheLowestRanksWhateverTheSplitAndOrder() {
    List<LabelledPoint> all = points(1, 500);
    List<LabelledPoint> expected = new ArrayList<>(all);
    expected.sort((a, b) -> Long.compare(a.rank(), b.rank()));

    List<LabelledPoint> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new Random(3));
    BottomK first = new BottomK(40);
    BottomK second = new BottomK(40);
    for (int i = 0; i < shuffled.size(); i++) {
      (i < 170 ? first : second).offer(shuffled.get(i));
    }
    BottomK merged = new BottomK(40);
    first.points().forEach(merged::offer);
    second.points().forEach(merged::offer);
    assertEquals(paths(expected.subList(0, 40)), paths(merged.points()));
  }

  @Test
  void theSeedChoosesTheSampleAndTheHeldOutShareIsAsAsked() {
    BottomK one = new BottomK(40);
    BottomK seven = new BottomK(40);
    points(1, 500).forEach(one::offer);
    points(7, 500).forEach(seven::offer);
    assertNotEquals(paths(one.points()), paths(seven.points()));
    long held = points(1, 10_000).stream()
        .filter(p -> SampleRank.heldOut(1, p.path(), 0.2)).count();
    assertEquals(2000, held, 120);
  }
}
