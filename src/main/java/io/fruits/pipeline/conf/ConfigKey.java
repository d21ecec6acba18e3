package io.fruits.pipeline.conf;

import org.apache.hadoop.conf.Configuration;

/**
 * A documented {@code fruits.*} configuration key with a default. Each pipeline package declares
 * its keys as an enum implementing this interface, so values are read through typed getters and
 * {@code --help} is generated from the enums rather than kept by hand.
 */
public interface ConfigKey {

  /** The key's name, default and description. */
  KeySpec spec();

  /** The property name, {@code fruits.<package>.<name>}. */
  default String key() {
    return spec().key();
  }

  /** The default as a string, or {@code null} when the key has no default. */
  default String defaultValue() {
    return spec().defaultValue();
  }

  /** One line for {@code --help} and the README. */
  default String description() {
    return spec().description();
  }

  default String get(Configuration conf) {
    return conf.getTrimmed(key(), defaultValue());
  }

  /** The value, failing with the key's name when it is unset and has no default. */
  default String require(Configuration conf) {
    String value = get(conf);
    if (value == null || value.isEmpty()) {
      throw new InvalidConfigException(key() + " is required: " + description());
    }
    return value;
  }

  default int getInt(Configuration conf) {
    String value = require(conf);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(key() + " must be an integer, got '" + value + "'");
    }
  }

  default long getLong(Configuration conf) {
    String value = require(conf);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(key() + " must be an integer, got '" + value + "'");
    }
  }

  default double getDouble(Configuration conf) {
    String value = require(conf);
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(key() + " must be a number, got '" + value + "'");
    }
  }

  default boolean getBoolean(Configuration conf) {
    String value = require(conf);
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new InvalidConfigException(key() + " must be true or false, got '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  default void set(Configuration conf, Object value) {
    conf.set(key(), String.valueOf(value));
  }
}
