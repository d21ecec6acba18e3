package io.fruits.pipeline.classify;

import static io.fruits.pipeline.report.ReportPage.esc;

import java.util.Locale;
import java.util.Map;

/**
 * A classifier's figures as one self-contained HTML page (no scripts, nothing loaded from
 * elsewhere): accuracy, accuracy per label, and the most confused pairs, with the facts of what
 * was classified above them.
 */
public final class AccuracyPage {

  /** Wrong pairs listed. */
  static final int CONFUSED_PAIRS = 10;

  private AccuracyPage() {}

  /**
   * @param title the page's heading
   * @param facts lines shown above the figures, e.g. rows trained, images rejected
   * @param confusion the counts the figures come from
   */
  public static String render(String title, Map<String, String> facts, Confusion confusion) {
    StringBuilder h = new StringBuilder(16 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(esc(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em;")
        .append("max-width:1000px}table{border-collapse:collapse;margin-bottom:1em}")
        .append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}")
        .append("td.n{text-align:right}</style></head><body>\n<h1>").append(esc(title))
        .append("</h1>\n<table id=\"facts\">\n");
    facts.forEach((name, value) -> row(h, esc(name), esc(value)));
    h.append("</table>\n");
    if (confusion.total() == 0) {
      h.append("<p>No image had a label the classifier knows, so there is no accuracy.</p>\n");
      return h.append("</body></html>\n").toString();
    }
    h.append("<h2>Accuracy</h2>\n<p id=\"accuracy\">")
        .append(String.format(Locale.ROOT, "%.4f", confusion.accuracy())).append(" (")
        .append(confusion.correct()).append(" of ").append(confusion.total())
        .append(" images)</p>\n<h2>Accuracy per label</h2>\n<table id=\"per-class\">\n")
        .append("<tr><th>label</th><th>accuracy</th></tr>\n");
    confusion.perClassAccuracy().forEach((label, accuracy) ->
        row(h, esc(label), String.format(Locale.ROOT, "%.4f", accuracy)));
    h.append("</table>\n<h2>Most confused pairs</h2>\n");
    if (confusion.mostConfused(CONFUSED_PAIRS).isEmpty()) {
      h.append("<p>None: every image was classified right.</p>\n");
    } else {
      h.append("<table id=\"confused\">\n<tr><th>label</th><th>predicted</th><th>images</th></tr>\n");
      for (Confusion.Pair pair : confusion.mostConfused(CONFUSED_PAIRS)) {
        h.append("<tr><td>").append(esc(pair.truth())).append("</td><td>")
            .append(esc(pair.predicted())).append("</td><td class=\"n\">").append(pair.count())
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  private static void row(StringBuilder h, String name, String value) {
    h.append("<tr><td>").append(name).append("</td><td class=\"n\">").append(value)
        .append("</td></tr>\n");
  }

}
