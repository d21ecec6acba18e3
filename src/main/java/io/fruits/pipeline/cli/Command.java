package io.fruits.pipeline.cli;

import org.apache.hadoop.util.Tool;

/** The jar's subcommands, each a Hadoop {@link Tool}. */
enum Command {
  RUN("run", "embed images, fit PCA and write Parquet features") {
    @Override
    Tool newTool() {
      return new PipelineTool();
    }
  },
  TRAIN("train", "train a classifier on a run's features and export it as one ONNX model") {
    @Override
    Tool newTool() {
      return new TrainTool();
    }
  },
  CLASSIFY("classify", "label images with the classifier train exported; accuracy when folders are labels") {
    @Override
    Tool newTool() {
      return new ClassifyTool();
    }
  },
  BENCH("bench", "measure the ONNX Runtime ceiling and the pipeline's images/s on a folder") {
    @Override
    Tool newTool() {
      return new BenchTool();
    }
  },
  MODEL("model", "inspect an ONNX model, or add one of its tensors as an output") {
    @Override
    Tool newTool() {
      return new ModelTool();
    }
  };

  private final String commandName;
  private final String description;

  Command(String commandName, String description) {
    this.commandName = commandName;
    this.description = description;
  }

  String commandName() {
    return commandName;
  }

  String description() {
    return description;
  }

  abstract Tool newTool();

  static Command named(String name) {
    for (Command command : values()) {
      if (command.commandName.equals(name)) {
        return command;
      }
    }
    return null;
  }
}
