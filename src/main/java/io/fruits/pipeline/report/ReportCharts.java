package io.fruits.pipeline.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the report's charts with JFreeChart into PNG bytes of {@link #WIDTH}×{@link #HEIGHT}
 * pixels. Drawing happens off screen, so no display is needed; {@code java.awt.headless} is set to
 * true unless the JVM was started with a value.
 */
public final class ReportCharts {

  public static final int WIDTH = 900;
  public static final int HEIGHT = 500;
  /** The explained-variance chart shows at least this many components (all when d is smaller). */
  static final int MIN_COMPONENTS_SHOWN = 50;
  /** More labels than this and the scatter drops its legend, which would hide the plot. */
  static final int MAX_LEGEND_ENTRIES = 20;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ReportCharts() {}

  /**
   * Explained-variance ratio per component and cumulative, with the chosen k marked. Shows the
   * first max(2k, {@value #MIN_COMPONENTS_SHOWN}) components.
   */
  public static byte[] explainedVariance(double[] ratios, int k) throws IOException {
    int shown = Math.min(ratios.length, Math.max(2 * k, MIN_COMPONENTS_SHOWN));
    XYSeries each = new XYSeries("per component");
    XYSeries cumulative = new XYSeries("cumulative");
    double sum = 0;
    for (int i = 0; i < shown; i++) {
      sum += ratios[i];
      each.add(i + 1, ratios[i]);
      cumulative.add(i + 1, sum);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(each);
    data.addSeries(cumulative);
    JFreeChart chart = ChartFactory.createXYLineChart("Explained variance (first " + shown + " of "
        + ratios.length + " components)", "component", "share of variance", data,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    ((NumberAxis) plot.getRangeAxis()).setRange(0, 1);
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ValueMarker marker = new ValueMarker(k, Color.RED, new BasicStroke(1.5f));
    marker.setLabel("k = " + k);
    marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    plot.addDomainMarker(marker);
    return png(chart);
  }

  /**
   * The first two PCA scores of each row as a point, one colour per label (sorted by name).
   *
   * @param points rows of at least two values; only the first two are drawn
   */
  public static byte[] scatter(float[][] points, String[] labels) throws IOException {
    if (points.length != labels.length) {
      throw new IllegalArgumentException(
          points.length + " points but " + labels.length + " labels");
    }
    Map<String, XYSeries> series = new TreeMap<>();
    for (int i = 0; i < points.length; i++) {
      if (points[i].length < 2) {
        throw new IllegalArgumentException("the scatter needs 2 PCA scores, row " + i + " has "
            + points[i].length);
      }
      series.computeIfAbsent(labels[i], l -> new XYSeries(l, false))
          .add(points[i][0], points[i][1]);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    series.values().forEach(data::addSeries);
    boolean legend = series.size() <= MAX_LEGEND_ENTRIES;
    JFreeChart chart = ChartFactory.createScatterPlot("First two principal components ("
        + points.length + " rows, " + series.size() + " labels)", "PC1", "PC2", data,
        PlotOrientation.VERTICAL, legend, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
    for (int s = 0; s < series.size(); s++) {
      renderer.setSeriesShape(s, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
    }
    return png(chart);
  }

  /** Wall-clock seconds per stage and task seconds per step (summed over tasks), as bars. */
  public static byte[] timings(Map<String, Double> stageSeconds, Map<String, Double> taskSeconds)
      throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    Map<String, Double> all = new LinkedHashMap<>();
    stageSeconds.forEach((stage, s) -> all.put("stage " + stage, s));
    taskSeconds.forEach((step, s) -> all.put("task " + step, s));
    all.forEach((name, s) -> data.addValue(s, name.startsWith("stage ") ? "wall-clock (stage)"
        : "summed over tasks (step)", name));
    // Stacked, so each category's single bar is full width and centred.
    JFreeChart chart = ChartFactory.createStackedBarChart("Seconds per stage and step", null,
        "seconds", data, PlotOrientation.HORIZONTAL, true, false, false);
    return png(chart);
  }

  private static byte[] png(JFreeChart chart) throws IOException {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(Color.WHITE);
    if (chart.getPlot() instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
      xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
    } else if (chart.getPlot() instanceof CategoryPlot category) {
      category.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    return out.toByteArray();
  }
}
