package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.ConfigKey;

/** Configuration keys of the command line itself. */
public enum CliKeys implements ConfigKey {
  DEBUG("fruits.debug", "false", "print stack traces for user errors too");

  private final String key;
  private final String defaultValue;
  private final String description;

  CliKeys(String key, String defaultValue, String description) {
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
}
