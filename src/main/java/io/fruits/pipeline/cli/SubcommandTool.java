package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.model.ModelMismatchException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the commands share: option parsing, {@code --help}, the local runner's
 * defaults and the exit codes (0 success, 1 a job failed, 2 a user error on one stderr line).
 */
abstract class SubcommandTool extends Configured implements Tool {

  private static final Logger LOG = LoggerFactory.getLogger(SubcommandTool.class);

  private final Options options;

  SubcommandTool(Options options) {
    this.options = options;
  }

  /** Carries out the command and returns what to print on stdout. */
  abstract String execute(CommandLine line) throws Exception;

  @Override
  public final int run(String[] args) throws Exception {
    if (wantsHelp(args)) {
      System.out.print(HelpText.text());
      return 0;
    }
    try {
      CommandLine line = parse(options, args);
      LocalRunnerDefaults.apply(getConf());
      System.out.print(execute(line));
      return 0;
    } catch (InvalidConfigException | ModelMismatchException e) {
      System.err.println("fruits-pipeline: " + e.getMessage());
      if (CliKeys.DEBUG.getBoolean(getConf())) {
        LOG.error("user error", e);
      }
      return 2;
    } catch (StageFailedException e) {
      System.err.println("fruits-pipeline: " + e.getMessage());
      return 1;
    }
  }

  /** True when the arguments ask for help instead of the command. */
  private static boolean wantsHelp(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  /** The value of a required option, or a user error naming it. */
  static String required(CommandLine line, String option) {
    String value = line.getOptionValue(option);
    if (value == null || value.isBlank()) {
      throw new InvalidConfigException("--" + option + " is required (see --help)");
    }
    return value;
  }

  /** {@code args} parsed as {@code options}, or a user error. */
  static CommandLine parse(Options options, String[] args) {
    try {
      CommandLine line = new DefaultParser().parse(options, args);
      if (!line.getArgList().isEmpty()) {
        throw new InvalidConfigException("unexpected argument '" + line.getArgList().get(0)
            + "'; generic options such as -D go before the command's options");
      }
      return line;
    } catch (ParseException e) {
      throw new InvalidConfigException(e.getMessage() + " (see --help)");
    }
  }
}
