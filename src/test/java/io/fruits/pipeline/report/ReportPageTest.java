package io.fruits.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.output.RunSummary;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReportPageTest {

  private static RunSummary facts() {
    Map<String, Long> rejects = new LinkedHashMap<>();
    rejects.put("CORRUPT", 2L);
    rejects.put("EMPTY_FILE", 1L);
    Map<String, Double> stages = new LinkedHashMap<>();
    stages.put("embed", 61.25);
    stages.put("pca", 0.5);
    Map<String, Double> steps = Map.of("inference", 123.45);
    return new RunSummary("in/", "out/", "model.onnx", "mobilenet_v2 sha256:abc", "FP32", false,
        103, 103, 100, 3, rejects, List.of(), 2, 1, 2, 0.75, stages, steps, null, Map.of(), null, null);
  }

  private static ReportPage.Content content(KnnAccuracy.Result knn, List<String> notes,
      List<ReportPage.Chart> charts) {
    Map<String, Long> perClass = new TreeMap<>();
    perClass.put("Apple <Red>", 60L);
    perClass.put("Kiwi", 40L);
    return new ReportPage.Content(facts(), perClass, 100, 2, new double[] {0.5, 0.25, 0.125, 0.125},
        100, 5000, knn, 0.3, 42, "report", charts, notes);
  }

  @Test
  void showsTheRunsNumbers() {
    String html = ReportPage.render(content(new KnnAccuracy.Result(70, 30, 2, 0.9, 0.8, 0.6),
        List.of(), List.of()));
    assertTrue(html.contains("<td>listed</td><td class=\"n\">103</td>"), html);
    assertTrue(html.contains("<td>embedded</td><td class=\"n\">100</td>"));
    assertTrue(html.contains("<td>rejected</td><td class=\"n\">3</td>"));
    assertTrue(html.contains("<td>rejected CORRUPT</td><td class=\"n\">2</td>"));
    assertTrue(html.contains("<td>rejected EMPTY_FILE</td><td class=\"n\">1</td>"));
    assertTrue(html.contains("<td>Apple &lt;Red&gt;</td><td class=\"n\">60</td>"), "escaped label");
    assertTrue(html.contains("<td>Kiwi</td><td class=\"n\">40</td>"));
    assertTrue(html.contains("k = 2 of 4 components, cumulative explained variance 0.7500"));
    assertTrue(html.contains("1-NN accuracy <b>0.9000</b>"));
    assertTrue(html.contains("5-NN accuracy <b>0.8000</b>"));
    assertTrue(html.contains("0.6000"));
    assertTrue(html.contains("on 30 held-out rows against 70 training rows"));
    assertTrue(html.contains("split 70/30"));
    assertTrue(html.contains("<td>embed</td><td class=\"n\">61.3</td>")
        || html.contains("<td>embed</td><td class=\"n\">61.2</td>"));
    assertTrue(html.contains("<td>inference</td><td class=\"n\">123.5</td>")
        || html.contains("<td>inference</td><td class=\"n\">123.4</td>"));
    assertFalse(html.contains("<Red>"), "unescaped label");
  }

  @Test
  void embedsChartsAndLinksTheirFiles() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    String html = ReportPage.render(content(new KnnAccuracy.Result(70, 30, 2, 0.9, 0.8, 0.6),
        List.of("No PCA scatter: k = 1"), List.of(new ReportPage.Chart("a.png", "chart A", png))));
    assertTrue(html.contains("src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png)
        + "\""));
    assertTrue(html.contains("href=\"report/a.png\""));
    assertTrue(html.contains("No PCA scatter: k = 1"));
    assertFalse(html.contains("src=\"http"), "nothing loaded from elsewhere");
    assertFalse(html.contains("<script"));
  }

  @Test
  void saysWhenNothingCouldBeHeldOut() {
    String html = ReportPage.render(content(
        new KnnAccuracy.Result(2, 0, 2, Double.NaN, Double.NaN, Double.NaN), List.of(), List.of()));
    assertTrue(html.contains("No kNN accuracy"));
    assertFalse(html.contains("NaN"));
  }
}
