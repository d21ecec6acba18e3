package io.fruits.pipeline.image;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.InvalidConfigException;
import org.apache.hadoop.conf.Configuration;

/** Configuration keys of the image package. */
public enum ImageKeys implements ConfigKey {
  MAX_PIXELS(
      "fruits.image.max-pixels",
      "50000000",
      "largest width x height an image may declare; larger ones are rejected as TOO_LARGE unread");

  private final String key;
  private final String defaultValue;
  private final String description;

  ImageKeys(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public String defaultValue() {
    return defaultValue;
  }

  @Override
  public String description() {
    return description;
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
