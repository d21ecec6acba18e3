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
 * The {@code classify} command: {@code classify --model <run>/classifier/classifier.onnx --input
 * URI --output URI} labels every image under the input with the exported classifier. Exit
 * codes: 0 success, 1 the job failed, 2 a user error (one line on stderr).
 */
public class ClassifyTool extends Configured implements Tool {

  private static final Logger LOG = LoggerFactory.getLogger(ClassifyTool.class);

  static final Options OPTIONS = new Options()
      .addOption(LongOptions.valued("model", "URI", "classifier.onnx written by train, with its"
          + " classifier.json beside it (required)"))
      .addOption(LongOptions.valued("input", "URI", "folder of images, searched recursively (required)"))
      .addOption(LongOptions.valued("output", "URI", "folder to create for the predictions (required)"))
      .addOption(LongOptions.flag("overwrite", "replace the output folder if it exists"))
      .addOption(LongOptions.flag("help", "print this help"));

  @Override
  public int run(String[] args) throws Exception {
    if (RunArguments.wantsHelp(args)) {
      System.out.print(HelpText.text());
      return 0;
    }
    try {
      CommandLine line = parse(args);
      LocalRunnerDefaults.apply(getConf());
      ImageClassifier.Result result = new ImageClassifier(getConf(), new Path(required(line, "model")),
          new Path(required(line, "input")), new Path(required(line, "output")),
          line.hasOption("overwrite")).classify();
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
            + "'; generic options such as -D go before the classify options");
      }
      return line;
    } catch (ParseException e) {
      throw new InvalidConfigException(e.getMessage() + " (see --help)");
    }
  }

  private static String required(CommandLine line, String option) {
    String value = line.getOptionValue(option);
    if (value == null || value.isBlank()) {
      throw new InvalidConfigException("--" + option + " is required (see --help)");
    }
    return value;
  }
}
