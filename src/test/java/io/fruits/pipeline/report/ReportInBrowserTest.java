package io.fruits.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fruits.pipeline.output.OutputLayout;
import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a run's report.html in headless Chromium, offline, and checks from the screenshot that
 * the charts are shown. CI installs Debian's chromium; elsewhere the test is skipped without it.
 */
class ReportInBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final int WIDTH = 1200;
  private static final int HEIGHT = 4000;

  @TempDir Path temp;

  @Test
  void theReportShowsItsChartsInABrowser() throws Exception {
    if (System.getenv("CI") == null) {
      assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " (CI installs it)");
    }
    Path input = temp.resolve("in");
    SharedData.copyAsDataset(SharedData.fruits(3, 8), input);
    Path output = temp.resolve("out");
    assertEquals(0, CliRun.pipeline(input, output, SharedData.floatModel(), "--pca-k", "4").exit());

    Path withCharts = screenshot(output.resolve(OutputLayout.REPORT_PAGE), "with-charts.png");
    // The same page with its images removed: what the browser shows without charts.
    String html = Files.readString(output.resolve(OutputLayout.REPORT_PAGE));
    Path bare = Files.writeString(temp.resolve("bare.html"), html.replaceAll("<img[^>]*>", ""));
    Path withoutCharts = screenshot(bare, "without-charts.png");

    long colourful = colourfulPixels(ImageIO.read(withCharts.toFile()));
    long colourfulBare = colourfulPixels(ImageIO.read(withoutCharts.toFile()));
    assertTrue(colourful > 20_000, "chart pixels on screen: " + colourful);
    assertTrue(colourful > 10 * Math.max(1, colourfulBare),
        "with charts " + colourful + " vs without " + colourfulBare);
  }

  private Path screenshot(Path page, String name) throws Exception {
    Path png = temp.resolve(name);
    Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + temp.resolve("profile-" + name), "--hide-scrollbars",
        "--window-size=" + WIDTH + "," + HEIGHT, "--screenshot=" + png, page.toUri().toString()))
        .redirectErrorStream(true).redirectOutput(temp.resolve(name + ".log").toFile()).start();
    assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
    assertTrue(Files.size(png) > 0, "no screenshot; chromium said: "
        + Files.readString(temp.resolve(name + ".log")));
    return png;
  }

  /** Pixels with clearly saturated colour: chart series, not black text on white. */
  private static long colourfulPixels(BufferedImage image) {
    assertEquals(WIDTH, image.getWidth());
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
          count++;
        }
      }
    }
    return count;
  }
}
