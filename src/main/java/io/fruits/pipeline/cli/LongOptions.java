package io.fruits.pipeline.cli;

import org.apache.commons.cli.Option;

/** Builds the subcommands' GNU-style {@code --name VALUE} options the same way everywhere. */
final class LongOptions {

  private LongOptions() {}

  /** {@code --name VALUE}, shown as {@code --name <ARG>} in help. */
  static Option valued(String name, String argName, String description) {
    return Option.builder().longOpt(name).hasArg().argName(argName).desc(description).build();
  }

  /** A {@code --name} switch without a value. */
  static Option flag(String name, String description) {
    return Option.builder().longOpt(name).desc(description).build();
  }
}
