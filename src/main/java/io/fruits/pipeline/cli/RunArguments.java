package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.embed.EmbedKeys;
import io.fruits.pipeline.model.ModelKeys;
import io.fruits.pipeline.pca.PcaKeys;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The {@code run} command's options. Options that tune the pipeline are shorthands for
 * configuration keys, so {@code --batch-size 16} and {@code -D fruits.embed.batch-size=16} are the
 * same thing and the jobs read only the configuration.
 */
public record RunArguments(Path input, Path output, Path model, Path pcaModel, Path previous,
    boolean overwrite, boolean resume) {

  static final Options OPTIONS = new Options()
      .addOption(LongOptions.valued("input", "URI", "folder of images, searched recursively (required)"))
      .addOption(LongOptions.valued("output", "URI", "folder to create for the results (required)"))
      .addOption(LongOptions.valued("model", "URI", "ONNX model file; same as -D " + EmbedKeys.MODEL.key()))
      .addOption(LongOptions.valued("pca-k", "N", "keep N principal components; same as -D " + PcaKeys.K.key()))
      .addOption(LongOptions.valued("pca-variance", "F",
          "keep the fewest components explaining fraction F of the variance (default "
              + PcaKeys.VARIANCE.defaultValue() + ")"))
      .addOption(LongOptions.valued("pca-model", "URI",
          "project with this saved PCA model (pca/model.bin of an earlier run) instead of fitting one"))
      .addOption(LongOptions.flag("incremental", "update the output of an earlier run (--previous):"
          + " embed only new and changed images, reuse the other embeddings, drop deleted images"))
      .addOption(LongOptions.valued("previous", "URI", "output folder of the earlier run that"
          + " --incremental updates (left unchanged)"))
      .addOption(LongOptions.valued("precision", "P", "fp32 or int8: the precision the model must have;"
          + " same as -D " + ModelKeys.PRECISION.key()))
      .addOption(LongOptions.valued("batch-size", "N", "images per inference call (default "
          + EmbedKeys.BATCH_SIZE.defaultValue() + ")"))
      .addOption(LongOptions.flag("overwrite", "replace the output folder if it exists"))
      .addOption(LongOptions.flag("resume", "continue a run that failed or was stopped after its"
          + " embedding job, from the embeddings and PCA sums it committed, once the input, model"
          + " and settings are checked to be the same"))
      .addOption(LongOptions.flag("help", "print this help"));

  /** The parsed options' arguments, after copying the tuning options into {@code conf}. */
  static RunArguments of(CommandLine line, Configuration conf) {
    copy(line, "model", EmbedKeys.MODEL, conf);
    copy(line, "pca-k", PcaKeys.K, conf);
    copy(line, "pca-variance", PcaKeys.VARIANCE, conf);
    copy(line, "batch-size", EmbedKeys.BATCH_SIZE, conf);
    copy(line, "precision", ModelKeys.PRECISION, conf);
    if (line.hasOption("pca-k") && line.hasOption("pca-variance")) {
      throw new InvalidConfigException("--pca-k and --pca-variance exclude each other");
    }
    if (line.hasOption("pca-model") && (line.hasOption("pca-k") || line.hasOption("pca-variance"))) {
      throw new InvalidConfigException("--pca-model brings its own components; drop --pca-k/--pca-variance");
    }
    if (line.hasOption("incremental") != line.hasOption("previous")) {
      throw new InvalidConfigException(line.hasOption("incremental")
          ? "--incremental needs --previous URI, the output of the run to update"
          : "--previous goes with --incremental");
    }
    return new RunArguments(
        new Path(SubcommandTool.required(line, "input")),
        new Path(SubcommandTool.required(line, "output")),
        new Path(EmbedKeys.MODEL.require(conf)),
        line.hasOption("pca-model") ? new Path(line.getOptionValue("pca-model")) : null,
        line.hasOption("previous") ? new Path(SubcommandTool.required(line, "previous")) : null,
        line.hasOption("overwrite"), line.hasOption("resume"));
  }

  private static void copy(CommandLine line, String option, ConfigKey key, Configuration conf) {
    if (line.hasOption(option)) {
      key.set(conf, line.getOptionValue(option));
    }
  }
}
