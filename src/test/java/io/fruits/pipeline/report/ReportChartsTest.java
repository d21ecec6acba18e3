package io.fruits.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ReportChartsTest {

  private static BufferedImage decode(byte[] png) throws IOException {
    assertEquals(0x89, png[0] & 0xff);
    assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(image, "ImageIO cannot read the PNG");
    assertEquals(ReportCharts.WIDTH, image.getWidth());
    assertEquals(ReportCharts.HEIGHT, image.getHeight());
    return image;
  }

  /** A drawn chart has axes, text and data in several colours, not one blank fill. */
  private static void assertDrawn(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 5, "only " + colours.size() + " colours");
  }

  @Test
  void explainedVarianceIsAPngOfTheChartSize() throws IOException {
    double[] ratios = {0.5, 0.25, 0.125, 0.0625, 0.0625};
    assertDrawn(decode(ReportCharts.explainedVariance(ratios, 2)));
  }

  @Test
  void scatterIsAPngOfTheChartSize() throws IOException {
    float[][] points = {{0, 0}, {1, 1}, {5, 5}, {6, 5}};
    assertDrawn(decode(ReportCharts.scatter(points, new String[] {"a", "a", "b", "b"})));
  }

  @Test
  void scatterOfManyLabelsStillDraws() throws IOException {
    int n = ReportCharts.MAX_LEGEND_ENTRIES * 3;
    float[][] points = new float[n][];
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      points[i] = new float[] {i, i % 7, 3};
      labels[i] = "label " + i;
    }
    assertDrawn(decode(ReportCharts.scatter(points, labels)));
  }

  @Test
  void scatterNeedsTwoScores() {
    assertThrows(IllegalArgumentException.class,
        () -> ReportCharts.scatter(new float[][] {{1}}, new String[] {"a"}));
  }

  @Test
  void timingsIsAPngOfTheChartSize() throws IOException {
    Map<String, Double> stages = new LinkedHashMap<>();
    stages.put("embed", 12.5);
    stages.put("pca", 0.4);
    Map<String, Double> steps = new LinkedHashMap<>();
    steps.put("inference", 30.0);
    assertDrawn(decode(ReportCharts.timings(stages, steps)));
  }
}
