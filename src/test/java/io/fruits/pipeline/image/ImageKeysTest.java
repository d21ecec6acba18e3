package io.fruits.pipeline.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.conf.InvalidConfigException;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class ImageKeysTest {

  @Test
  void maxPixelsDefaultsToFiftyMegapixels() {
    assertEquals(50_000_000L, ImageKeys.maxPixels(new Configuration(false)));
  }

  @Test
  void maxPixelsCanBeOverridden() {
    Configuration conf = new Configuration(false);
    ImageKeys.MAX_PIXELS.set(conf, 1234);
    assertEquals(1234L, ImageKeys.maxPixels(conf));
  }

  @Test
  void nonPositiveMaxPixelsNamesTheKey() {
    Configuration conf = new Configuration(false);
    conf.set("fruits.image.max-pixels", "0");
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> ImageKeys.maxPixels(conf));
    assertTrue(e.getMessage().contains("fruits.image.max-pixels"), e.getMessage());
  }

  @Test
  void decodeTimeoutIsMillisecondsDefaultingToThirtySeconds() {
    Configuration conf = new Configuration(false);
    assertEquals(Duration.ofSeconds(30), ImageKeys.decodeTimeout(conf));
    ImageKeys.DECODE_TIMEOUT.set(conf, 250);
    assertEquals(Duration.ofMillis(250), ImageKeys.decodeTimeout(conf));
  }

  @Test
  void nonPositiveDecodeTimeoutNamesTheKey() {
    Configuration conf = new Configuration(false);
    conf.set("fruits.image.decode-timeout", "0");
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> ImageKeys.decodeTimeout(conf));
    assertTrue(e.getMessage().contains("fruits.image.decode-timeout"), e.getMessage());
  }
}
