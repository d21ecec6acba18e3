package io.fruits.pipeline.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.fs.Path;

/**
 * The {@code train} command: {@code train --run URI} fits the classifier on the features of a
 * finished run and writes it, exported, to {@code <run>/classifier} ({@link ClassifierTrainer}).
 */
public class TrainTool extends SubcommandTool {

  static final Options OPTIONS = new Options()
      .addOption(LongOptions.valued("run", "URI", "output folder of a finished run (required)"))
      .addOption(LongOptions.flag("overwrite", "replace the run's classifier folder if it exists"))
      .addOption(LongOptions.flag("help", "print this help"));

  public TrainTool() {
    super(OPTIONS);
  }

  @Override
  String execute(CommandLine line) throws Exception {
    return new ClassifierTrainer(getConf(), new Path(required(line, "run")),
        line.hasOption("overwrite")).train().toText();
  }
}
