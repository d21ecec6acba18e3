package io.fruits.pipeline.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accuracy, per-label accuracy and confused pairs from counts worked out by hand. */
class ConfusionTest {

  /** 10 apples (8 right, 2 taken for pears), 5 pears (4 right, 1 taken for a kiwi). */
  private static Confusion counts() {
    Confusion confusion = new Confusion();
    confusion.add("apple", "apple", 8);
    confusion.add("apple", "pear", 2);
    confusion.add("pear", "pear", 3);
    confusion.add("pear", "kiwi", 1);
    confusion.add("pear", "pear", 1);
    return confusion;
  }

  @Test
  void figuresFromTheCounts() {
    Confusion confusion = counts();
    assertEquals(15, confusion.total());
    assertEquals(12.0 / 15, confusion.accuracy(), 1e-12);
    assertEquals(Map.of("apple", 0.8, "pear", 0.8), confusion.perClassAccuracy());
    assertEquals(List.of(new Confusion.Pair("apple", "pear", 2), new Confusion.Pair("pear", "kiwi", 1)),
        confusion.mostConfused(10));
    assertEquals(1, confusion.mostConfused(1).size());
  }

  @Test
  void partialCountsMergeAndSurviveJson() throws Exception {
    Confusion merged = new Confusion();
    merged.merge(Confusion.fromJson(counts().toJson()));
    merged.merge(Confusion.fromJson(counts().toJson()));
    assertEquals(30, merged.total());
    assertEquals(24.0 / 30, merged.accuracy(), 1e-12);
    // 16 of 20 apples and 8 of 10 pears: the rates stay, the confused counts double.
    assertEquals(Map.of("apple", 0.8, "pear", 0.8), merged.perClassAccuracy());
    assertEquals(List.of(new Confusion.Pair("apple", "pear", 4), new Confusion.Pair("pear", "kiwi", 2)),
        merged.mostConfused(10));
  }

  @Test
  void restrictedToLabelsDropsOtherFolders() {
    Confusion confusion = counts();
    confusion.add("unlabelled-folder", "apple", 7);
    Confusion labelled = confusion.restrictedTo(List.of("apple", "pear", "kiwi"));
    assertEquals(15, labelled.total());
    assertTrue(Double.isNaN(new Confusion().accuracy()));
  }

  @Test
  void thePageShowsTheFiguresEscaped() {
    Confusion confusion = counts();
    confusion.add("<b>fig</b>", "apple", 1);
    String page = AccuracyPage.render("held-out", Map.of("rows", "16"), confusion);
    assertTrue(page.contains("<p id=\"accuracy\">0.7500 (12 of 16 images)</p>"), page);
    assertTrue(page.contains("<td>apple</td><td>pear</td><td class=\"n\">2</td>"), page);
    assertTrue(page.contains("&lt;b&gt;fig&lt;/b&gt;"), page);
    assertTrue(!page.contains("<b>fig"), page);
  }
}
