package io.fruits.pipeline.image;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.KeySpec;
import io.fruits.pipeline.conf.InvalidConfigException;
import org.apache.hadoop.conf.Configuration;

/** Configuration keys of the image package. */
public enum ImageKeys implements ConfigKey {
  MAX_PIXELS(
      "fruits.image.max-pixels",
      "50000000",
      "largest width x height an image may declare; larger ones are rejected as TOO_LARGE unread");

  private final KeySpec spec;

  ImageKeys(String key, String defaultValue, String description) {
    this.spec = new KeySpec(key, defaultValue, description);
  }

  @Override
  public KeySpec spec() {
    return spec;
  }

  /** {@link #MAX_PIXELS}, checked to be positive. */
  public static long maxPixels(Configuration conf) {
    long value = MAX_PIXELS.getLong(conf);
    if (value <= 0) {
      throw new InvalidConfigException(MAX_PIXELS.key() + " must be positive, got " + value);
    }
    return value;
  }
}
