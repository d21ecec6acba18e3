package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.model.FeatureExtractor;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.ModelKeys;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Opens the model once in the driver before any job starts, so a missing or unsuitable model is
 * reported in one line instead of as failed map tasks.
 */
final class ModelCheck {

  private ModelCheck() {}

  static void validate(Configuration conf, Path model, ModelDescriptor descriptor) throws IOException {
    FileSystem fs = model.getFileSystem(conf);
    if (!fs.exists(model)) {
      throw new InvalidConfigException("model " + model + " does not exist");
    }
    if (fs instanceof LocalFileSystem) {
      open(new File(fs.makeQualified(model).toUri().getPath()).toPath(), conf, descriptor);
      return;
    }
    java.nio.file.Path local = Files.createTempFile("fruits-model-", ".onnx");
    try {
      fs.copyToLocalFile(false, model, new Path(local.toUri()), true);
      open(local, conf, descriptor);
    } finally {
      Files.deleteIfExists(local);
    }
  }

  private static void open(java.nio.file.Path file, Configuration conf, ModelDescriptor descriptor) {
    try (FeatureExtractor extractor = FeatureExtractor.open(file, descriptor, ModelKeys.settings(conf))) {
      // Opening validates inputs and outputs against the descriptor.
    }
  }
}
