package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.ConfigKey;
import java.util.List;

/** Configuration keys of the command line itself. */
public final class CliKeys {

  public static final ConfigKey DEBUG = ConfigKey.settable("fruits.debug", "false",
      "print stack traces for user errors too");

  public static final List<ConfigKey> ALL = List.of(DEBUG);

  private CliKeys() {}
}
