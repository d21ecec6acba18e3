package io.fruits.pipeline.ingest;

import org.apache.hadoop.conf.Configuration;

/**
 * When a split is full. Two limits, whichever comes first: {@link IngestKeys#SPLIT_SIZE} bytes of
 * image files, what a task reads; and an equal share of the input's work among
 * {@link IngestKeys#MIN_SPLITS} splits, what a task computes. An image's work is its bytes plus
 * {@link IngestKeys#IMAGE_COST}, since a small photo costs a whole inference however few its
 * bytes: shares by bytes alone gave the sample's two local tasks 1,739 and 1,505 photos, and one
 * core waited 3 s of a 19 s stage for the other.
 *
 * @param maxBytes a split ends with the image that takes its bytes to this
 * @param maxWork a split ends with the image that takes its work to this
 * @param imageCost the work an image adds beyond its bytes
 */
public record SplitSizing(long maxBytes, long maxWork, long imageCost) {

  /** The sizing of the splits of {@code totals}, the images of every listing the job reads. */
  public static SplitSizing of(Configuration conf, ImageListing.Totals totals) {
    long imageCost = IngestKeys.imageCost(conf);
    return sized(conf, work(totals.bytes(), totals.files(), imageCost), imageCost);
  }

  /** The sizing of splits sharing {@code work}, the input's total work at {@code imageCost}. */
  private static SplitSizing sized(Configuration conf, long work, long imageCost) {
    long minSplits = Math.max(1, IngestKeys.MIN_SPLITS.getInt(conf));
    long share = Math.max(1, ceilDiv(work, minSplits));
    return new SplitSizing(IngestKeys.SPLIT_SIZE.getLong(conf), share, imageCost);
  }

  /** Whether a split of {@code files} images and {@code bytes} bytes ends here. */
  public boolean full(long files, long bytes) {
    return bytes >= maxBytes || work(bytes, files, imageCost) >= maxWork;
  }

  /**
   * How many splits the images of {@code totals} make, to within the one image a split may take
   * beyond a limit: what the driver sizes the reducers by before any split exists.
   */
  public static long expectedSplits(Configuration conf, ImageListing.Totals totals) {
    long imageCost = IngestKeys.imageCost(conf);
    long work = work(totals.bytes(), totals.files(), imageCost);
    SplitSizing sizing = sized(conf, work, imageCost);
    long byBytes = ceilDiv(totals.bytes(), sizing.maxBytes);
    long byWork = ceilDiv(work, sizing.maxWork);
    return Math.max(1, Math.min(totals.files(), Math.max(byBytes, byWork)));
  }

  /** Bytes plus the images' cost, saturating: only comparisons depend on it. */
  private static long work(long bytes, long files, long imageCost) {
    try {
      return Math.addExact(bytes, Math.multiplyExact(files, imageCost));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** ⌈a / b⌉ for a ≥ 0, b > 0, without the overflow of (a + b − 1) / b when a is saturated. */
  private static long ceilDiv(long a, long b) {
    return a / b + (a % b == 0 ? 0 : 1);
  }
}
