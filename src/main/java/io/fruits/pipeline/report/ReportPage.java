package io.fruits.pipeline.report;

import io.fruits.pipeline.output.RunSummary;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the run report as one self-contained HTML page: every chart is embedded as a
 * {@code data:image/png;base64} URI (and linked to its PNG file next to the page), no scripts,
 * no style sheets or fonts from elsewhere, so the page opens offline and survives being mailed.
 */
public final class ReportPage {

  /** A chart: its file name under the report folder, a caption, and the PNG itself. */
  public record Chart(String file, String caption, byte[] png) {}

  /**
   * What the page shows.
   *
   * @param perClass feature rows per label, counted over the whole features output
   * @param featureRows all rows of the features output
   * @param ratios the PCA's explained-variance ratio of every component, largest first
   * @param sampleRows rows of the seeded sample the scatter and kNN use
   * @param sampleLimit the most rows that sample may hold
   * @param knn kNN scores on the sample's held-out split
   * @param testFraction share of each label's rows held out for the kNN test
   * @param seed the seed of the sample and the split
   * @param chartFolder folder of the PNG files, relative to the page
   * @param notes sentences shown above the charts, e.g. why a chart is missing
   */
  public record Content(RunSummary run, Map<String, Long> perClass, long featureRows, int k,
      double[] ratios, int sampleRows, int sampleLimit, KnnAccuracy.Result knn,
      double testFraction, long seed, String chartFolder, List<Chart> charts, List<String> notes) {}

  private ReportPage() {}

  public static String render(Content c) {
    RunSummary run = c.run();
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>fruits-pipeline run report</title>\n<style>")
        .append("body{font-family:sans-serif;margin:2em;max-width:1000px}")
        .append("table{border-collapse:collapse;margin-bottom:1em}")
        .append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}")
        .append("td.n{text-align:right}img{max-width:100%;border:1px solid #eee}")
        .append("</style></head><body>\n<h1>fruits-pipeline run report</h1>\n");
    h.append("<p>input ").append(esc(run.input())).append("<br>output ").append(esc(run.output()))
        .append("<br>model ").append(esc(run.modelId())).append(" (").append(esc(run.precision()))
        .append(")</p>\n");

    h.append("<h2>Images</h2>\n<table id=\"counts\">\n");
    row(h, "listed", Long.toString(run.imagesListed()));
    row(h, "read", Long.toString(run.imagesRead()));
    row(h, "embedded", Long.toString(run.imagesEmbedded()));
    row(h, "rejected", Long.toString(run.imagesRejected()));
    run.rejectedByReason().forEach((reason, n) -> row(h, "rejected " + reason, Long.toString(n)));
    if (run.incremental() != null) {
      row(h, "reused from " + run.incremental().previous(),
          Long.toString(run.incremental().imagesReused()));
      row(h, "removed (deleted or changed since)", Long.toString(run.incremental().imagesRemoved()));
    }
    h.append("</table>\n<h3>Rows per label (").append(c.perClass().size()).append(" labels, ")
        .append(c.featureRows()).append(" rows)</h3>\n<table id=\"per-class\">\n");
    c.perClass().forEach((label, n) -> row(h, label, Long.toString(n)));
    h.append("</table>\n");

    h.append("<h2>PCA</h2>\n<p id=\"pca\">").append(run.pcaReused() ? "reused" : "fitted")
        .append(", k = ").append(c.k()).append(" of ").append(c.ratios().length)
        .append(" components, cumulative explained variance ")
        .append(fixed(cumulative(c.ratios(), c.k()))).append("</p>\n");

    h.append("<h2>Feature quality</h2>\n<p id=\"knn\">");
    KnnAccuracy.Result knn = c.knn();
    if (knn.hasTestRows()) {
      h.append("1-NN accuracy <b>").append(fixed(knn.top1())).append("</b>, ")
          .append(KnnAccuracy.K).append("-NN accuracy <b>").append(fixed(knn.topK()))
          .append("</b> (always guessing the commonest label: ").append(fixed(knn.chance()))
          .append(") on ").append(knn.testRows()).append(" held-out rows against ")
          .append(knn.trainRows()).append(" training rows, ").append(knn.classes())
          .append(" labels.");
    } else {
      h.append("No kNN accuracy: no label has 2 or more rows, so nothing can be held out.");
    }
    h.append(" Euclidean distance on the PCA scores; each label's rows split ")
        .append(Math.round(100 * (1 - c.testFraction()))).append('/')
        .append(Math.round(100 * c.testFraction()))
        .append(" (train/test, labels with one row train only), seed ").append(c.seed())
        .append("; computed on a seeded sample of ").append(c.sampleRows()).append(" of ")
        .append(c.featureRows()).append(" rows (at most ").append(c.sampleLimit())
        .append(").</p>\n");

    h.append("<h2>Seconds</h2>\n<table id=\"timings\">\n")
        .append("<tr><th>wall-clock per stage</th><th></th></tr>\n");
    run.stageSeconds().forEach((stage, s) -> row(h, stage, String.format(Locale.ROOT, "%.1f", s)));
    h.append("<tr><th>summed over tasks per step</th><th></th></tr>\n");
    run.taskSeconds().forEach((step, s) -> row(h, step, String.format(Locale.ROOT, "%.1f", s)));
    h.append("</table>\n");

    h.append("<h2>Charts</h2>\n");
    for (String note : c.notes()) {
      h.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
    }
    for (Chart chart : c.charts()) {
      String href = c.chartFolder() + "/" + chart.file();
      h.append("<figure><img alt=\"").append(esc(chart.caption()))
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(chart.png())).append("\">\n<figcaption>")
          .append(esc(chart.caption())).append(" (<a href=\"").append(esc(href)).append("\">")
          .append(esc(href)).append("</a>)</figcaption></figure>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  /** Four decimals, as the run summary prints the explained variance. */
  static String fixed(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static double cumulative(double[] ratios, int k) {
    double sum = 0;
    for (int i = 0; i < k && i < ratios.length; i++) {
      sum += ratios[i];
    }
    return sum;
  }

  private static void row(StringBuilder h, String name, String value) {
    h.append("<tr><td>").append(esc(name)).append("</td><td class=\"n\">").append(esc(value))
        .append("</td></tr>\n");
  }

  /** {@code text} escaped for HTML text and attribute values; "" for null. */
  public static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
