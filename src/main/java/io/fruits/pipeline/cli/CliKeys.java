package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.KeySpec;

/** Configuration keys of the command line itself. */
public enum CliKeys implements ConfigKey {
  DEBUG("fruits.debug", "false", "print stack traces for user errors too");

  private final KeySpec spec;

  CliKeys(String key, String defaultValue, String description) {
    this.spec = new KeySpec(key, defaultValue, description);
  }

  @Override
  public KeySpec spec() {
    return spec;
  }
}
