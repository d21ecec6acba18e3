package io.fruits.pipeline.conf;

import java.util.Objects;
import org.apache.hadoop.conf.Configuration;

/**
 * A documented {@code fruits.*} configuration key with a default. Each pipeline package declares
 * its keys as constants of one {@code *Keys} class with a list of them all, so values are read
 * through typed getters and {@code --help} is generated from the lists rather than kept by hand.
 *
 * <p>A {@linkplain #settable() settable} key is one a user may set with {@code -D}; the others
 * carry what the driver decided to the tasks (the model descriptor, the footer facts) and are
 * documented in the README, not in {@code --help}.
 *
 * @param defaultValue the default as a string, or {@code null} when the key has none
 */
public record ConfigKey(String key, String defaultValue, String description, boolean settable) {

  public ConfigKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(description, "description");
  }

  /** A key users set with {@code -D key=value}; listed by {@code --help}. */
  public static ConfigKey settable(String key, String defaultValue, String description) {
    return new ConfigKey(key, defaultValue, description, true);
  }

  /** A key only the driver sets, to hand its decisions to the tasks. */
  public static ConfigKey forTasks(String key, String description) {
    return new ConfigKey(key, null, description, false);
  }

  public String get(Configuration conf) {
    return conf.getTrimmed(key, defaultValue);
  }

  /** The value, failing with the key's name when it is unset and has no default. */
  public String require(Configuration conf) {
    String value = get(conf);
    if (value == null || value.isEmpty()) {
      throw new InvalidConfigException(key + " is required: " + description);
    }
    return value;
  }

  public int getInt(Configuration conf) {
    return (int) parse(conf, "an integer", Integer::parseInt);
  }

  public long getLong(Configuration conf) {
    return parse(conf, "an integer", Long::parseLong);
  }

  public double getDouble(Configuration conf) {
    String value = require(conf);
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(key + " must be a number, got '" + value + "'");
    }
  }

  public boolean getBoolean(Configuration conf) {
    String value = require(conf);
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new InvalidConfigException(key + " must be true or false, got '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  public void set(Configuration conf, Object value) {
    conf.set(key, String.valueOf(value));
  }

  private interface Parser {
    long parse(String value);
  }

  private long parse(Configuration conf, String what, Parser parser) {
    String value = require(conf);
    try {
      return parser.parse(value);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(key + " must be " + what + ", got '" + value + "'");
    }
  }
}
