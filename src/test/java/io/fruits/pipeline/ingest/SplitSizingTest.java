package io.fruits.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.conf.InvalidConfigException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class SplitSizingTest {

  /** 1,000 images of 4,000 bytes: 4,000,000 bytes, 4,000,000 + 1,000 × cost of work. */
  private static final ImageListing.Totals TOTALS = new ImageListing.Totals(1_000, 4_000_000);

  @Test
  void theByteLimitOrTheWorkShareWhicheverIsSmaller() {
    Configuration conf = new Configuration();
    conf.setLong(IngestKeys.SPLIT_SIZE.key(), 1_000_000);
    conf.setLong(IngestKeys.IMAGE_COST.key(), 6_000);
    // One split asked for: the work share is all the work, so bytes decide: 4 splits.
    SplitSizing one = SplitSizing.of(conf, TOTALS);
    assertEquals(new SplitSizing(1_000_000, 10_000_000, 6_000), one);
    assertEquals(4, SplitSizing.expectedSplits(conf, TOTALS));
    assertFalse(one.full(249, 996_000));
    assertTrue(one.full(250, 1_000_000));

    // Eight asked for: a share is 1,250,000 of work, 125 images, before 1,000,000 bytes.
    conf.setInt(IngestKeys.MIN_SPLITS.key(), 8);
    SplitSizing eight = SplitSizing.of(conf, TOTALS);
    assertEquals(8, SplitSizing.expectedSplits(conf, TOTALS));
    assertFalse(eight.full(124, 496_000));
    assertTrue(eight.full(125, 500_000));
  }

  @Test
  void neverMoreSplitsThanImages() {
    Configuration conf = new Configuration();
    conf.setInt(IngestKeys.MIN_SPLITS.key(), 5_000);
    assertEquals(1_000, SplitSizing.expectedSplits(conf, TOTALS));
  }

  @Test
  void aHugeImageCostSaturatesInsteadOfOverflowing() {
    Configuration conf = new Configuration();
    conf.setInt(IngestKeys.MIN_SPLITS.key(), 2);
    conf.setLong(IngestKeys.IMAGE_COST.key(), Long.MAX_VALUE / 10);
    SplitSizing sizing = SplitSizing.of(conf, TOTALS);
    assertEquals(Long.MAX_VALUE / 2 + 1, sizing.maxWork());
    assertTrue(sizing.full(10, 40_000));
    assertFalse(sizing.full(1, 4_000));
  }

  @Test
  void aNegativeImageCostIsAConfigError() {
    Configuration conf = new Configuration();
    conf.setLong(IngestKeys.IMAGE_COST.key(), -1);
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> SplitSizing.of(conf, TOTALS));
    assertEquals("fruits.ingest.image-cost must be at least 0, got -1", e.getMessage());
  }
}
