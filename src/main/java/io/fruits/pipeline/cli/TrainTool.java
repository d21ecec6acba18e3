package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.model.ModelMismatchException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code train} command: {@code train --run URI} fits the classifier on the features of a
 * finished run and writes it, exported, to {@code <run>/classifier}. Exit codes: 0 success, 1 the
 * job failed, 2 a user error (one line on stderr).
 */
public class TrainTool extends Configured implements Tool {

  private static final Logger LOG = LoggerFactory.getLogger(TrainTool.class);

  static final Options OPTIONS = new Options()
      .addOption(LongOptions.valued("run", "URI", "output folder of a finished run (required)"))
      .addOption(LongOptions.flag("overwrite", "replace the run's classifier folder if it exists"))
      .addOption(LongOptions.flag("help", "print this help"));

  @Override
  public int run(String[] args) throws Exception {
    if (RunArguments.wantsHelp(args)) {
      System.out.print(HelpText.text());
      return 0;
    }
    try {
      CommandLine line = parse(args);
      String run = line.getOptionValue("run");
      if (run == null || run.isBlank()) {
        throw new InvalidConfigException("--run is required (see --help)");
      }
      LocalRunnerDefaults.apply(getConf());
      ClassifierTrainer.Result result =
          new ClassifierTrainer(getConf(), new Path(run), line.hasOption("overwrite")).train();
      System.out.print(result.toText());
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

  private static CommandLine parse(String[] args) {
    try {
      CommandLine line = new DefaultParser().parse(OPTIONS, args);
      if (!line.getArgList().isEmpty()) {
        throw new InvalidConfigException("unexpected argument '" + line.getArgList().get(0)
            + "'; generic options such as -D go before the train options");
      }
      return line;
    } catch (ParseException e) {
      throw new InvalidConfigException(e.getMessage() + " (see --help)");
    }
  }
}
