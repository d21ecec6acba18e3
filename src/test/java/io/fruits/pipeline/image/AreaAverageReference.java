package io.fruits.pipeline.image;

import java.awt.image.BufferedImage;

/**
 * The tests' independent antialiased reduction: an exact area average in double precision of a
 * fully decoded RGB image, every output pixel the mean of its whole source footprint, each source
 * pixel weighted by its overlap. Written here, with no code shared with the pipeline's path.
 */
final class AreaAverageReference {

  private AreaAverageReference() {}

  /** {@code image} reduced to {@code width × height}, as {@code [y][x][r, g, b]} in 0..255. */
  static double[][][] reduce(BufferedImage image, int width, int height) {
    int sourceWidth = image.getWidth();
    int sourceHeight = image.getHeight();
    double[][] xWeights = weights(sourceWidth, width);
    double[][] yWeights = weights(sourceHeight, height);
    // Horizontal pass, one source row at a time.
    double[][][] rows = new double[sourceHeight][width][3];
    int[] rgb = new int[sourceWidth];
    for (int y = 0; y < sourceHeight; y++) {
      image.getRGB(0, y, sourceWidth, 1, rgb, 0, sourceWidth);
      for (int x = 0; x < width; x++) {
        double[] sum = rows[y][x];
        double[] w = xWeights[x];
        int first = (int) w[0];
        for (int i = 1; i < w.length; i++) {
          int pixel = rgb[first + i - 1];
          sum[0] += w[i] * (pixel >> 16 & 0xff);
          sum[1] += w[i] * (pixel >> 8 & 0xff);
          sum[2] += w[i] * (pixel & 0xff);
        }
      }
    }
    double[][][] out = new double[height][width][3];
    for (int y = 0; y < height; y++) {
      double[] w = yWeights[y];
      int first = (int) w[0];
      for (int i = 1; i < w.length; i++) {
        for (int x = 0; x < width; x++) {
          for (int c = 0; c < 3; c++) {
            out[y][x][c] += w[i] * rows[first + i - 1][x][c];
          }
        }
      }
    }
    return out;
  }

  /**
   * For each output index: {first source index, weight of it, of the next, …}; output d covers
   * source interval [d·s, (d+1)·s) with s = source / target, weights are overlaps divided by s.
   */
  private static double[][] weights(int source, int target) {
    double scale = (double) source / target;
    double[][] weights = new double[target][];
    for (int d = 0; d < target; d++) {
      double start = d * scale;
      double end = (d + 1) * scale;
      int first = (int) Math.floor(start);
      int last = Math.min(source - 1, (int) Math.ceil(end) - 1);
      double[] w = new double[last - first + 2];
      w[0] = first;
      for (int i = first; i <= last; i++) {
        w[i - first + 1] = (Math.min(end, i + 1) - Math.max(start, i)) / scale;
      }
      weights[d] = w;
    }
    return weights;
  }
}
