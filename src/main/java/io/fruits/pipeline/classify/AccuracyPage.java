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
  /** Delimit the section {@link #withSection} adds to a run report, so a new training replaces it. */
  private static final String SECTION_START = "<!-- fruits classifier -->";
  private static final String SECTION_END = "<!-- /fruits classifier -->";

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
    figures(h, confusion, "h2");
    return h.append("</body></html>\n").toString();
  }

  /**
   * The run report with a section of held-out figures added before its end, in place of the
   * section an earlier training added; the report's own content is left as it was.
   */
  public static String withSection(String runReport, String heading, Confusion confusion) {
    int start = runReport.indexOf(SECTION_START);
    int end = runReport.indexOf(SECTION_END);
    String report = start >= 0 && end > start
        ? runReport.substring(0, start) + runReport.substring(end + SECTION_END.length())
        : runReport;
    int body = report.lastIndexOf("</body>");
    if (body < 0) {
      body = report.length();
    }
    StringBuilder h = new StringBuilder(SECTION_START).append("\n<h2>").append(esc(heading))
        .append("</h2>\n");
    figures(h, confusion, "h3");
    h.append(SECTION_END).append("\n");
    return report.substring(0, body) + h + report.substring(body);
  }

  private static void figures(StringBuilder h, Confusion confusion, String level) {
    if (confusion.total() == 0) {
      h.append("<p>No image had a label the classifier knows, so there is no accuracy.</p>\n");
      return;
    }
    h.append("<").append(level).append(">Accuracy</").append(level).append(">\n")
        .append("<p id=\"accuracy\">")
        .append(String.format(Locale.ROOT, "%.4f", confusion.accuracy())).append(" (")
        .append(confusion.correct()).append(" of ").append(confusion.total())
        .append(" images)</p>\n<").append(level).append(">Accuracy per label</").append(level)
        .append(">\n<table id=\"per-class\">\n<tr><th>label</th><th>accuracy</th></tr>\n");
    confusion.perClassAccuracy().forEach((label, accuracy) ->
        row(h, esc(label), String.format(Locale.ROOT, "%.4f", accuracy)));
    h.append("</table>\n<").append(level).append(">Most confused pairs</").append(level)
        .append(">\n");
    if (confusion.mostConfused(CONFUSED_PAIRS).isEmpty()) {
      h.append("<p>None: every image was classified right.</p>\n");
      return;
    }
    h.append("<table id=\"confused\">\n<tr><th>label</th><th>predicted</th><th>images</th></tr>\n");
    for (Confusion.Pair pair : confusion.mostConfused(CONFUSED_PAIRS)) {
      h.append("<tr><td>").append(esc(pair.truth())).append("</td><td>")
          .append(esc(pair.predicted())).append("</td><td class=\"n\">").append(pair.count())
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void row(StringBuilder h, String name, String value) {
    h.append("<tr><td>").append(name).append("</td><td class=\"n\">").append(value)
        .append("</td></tr>\n");
  }

}
