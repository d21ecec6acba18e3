package io.fruits.pipeline.image;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.InvalidConfigException;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Configuration keys of the image package. */
public final class ImageKeys {

  public static final ConfigKey MAX_PIXELS = ConfigKey.settable("fruits.image.max-pixels",
      "50000000",
      "largest width x height an image may declare; larger ones are rejected as TOO_LARGE unread");

  public static final ConfigKey DECODE_TIMEOUT = ConfigKey.settable("fruits.image.decode-timeout",
      "30000",
      "milliseconds one image may take to decode; a slower one is abandoned and rejected as"
          + " TIMED_OUT");

  public static final List<ConfigKey> ALL = List.of(MAX_PIXELS, DECODE_TIMEOUT);

  private ImageKeys() {}

  /** {@link #MAX_PIXELS}, checked to be positive. */
  public static long maxPixels(Configuration conf) {
    long value = MAX_PIXELS.getLong(conf);
    if (value <= 0) {
      throw new InvalidConfigException(MAX_PIXELS.key() + " must be positive, got " + value);
    }
    return value;
  }

  /** {@link #DECODE_TIMEOUT}, checked to be positive. */
  public static Duration decodeTimeout(Configuration conf) {
    long millis = DECODE_TIMEOUT.getLong(conf);
    if (millis <= 0) {
      throw new InvalidConfigException(
          DECODE_TIMEOUT.key() + " must be a positive number of milliseconds, got " + millis);
    }
    return Duration.ofMillis(millis);
  }
}
