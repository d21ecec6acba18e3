package io.fruits.pipeline.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.fs.Path;

/**
 * The {@code classify} command: {@code classify --model <run>/classifier/classifier.onnx --input
 * URI --output URI} labels every image under the input with the exported classifier
 * ({@link ImageClassifier}).
 */
public class ClassifyTool extends SubcommandTool {

  static final Options OPTIONS = new Options()
      .addOption(LongOptions.valued("model", "URI", "classifier.onnx written by train, with its"
          + " classifier.json beside it (required)"))
      .addOption(LongOptions.valued("input", "URI", "folder of images, searched recursively (required)"))
      .addOption(LongOptions.valued("output", "URI", "folder to create for the predictions (required)"))
      .addOption(LongOptions.flag("overwrite", "replace the output folder if it exists"))
      .addOption(LongOptions.flag("help", "print this help"));

  public ClassifyTool() {
    super(OPTIONS);
  }

  @Override
  String execute(CommandLine line) throws Exception {
    return new ImageClassifier(getConf(), new Path(required(line, "model")),
        new Path(required(line, "input")), new Path(required(line, "output")),
        line.hasOption("overwrite")).classify().toText();
  }
}
