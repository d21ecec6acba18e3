package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.model.FeatureExtractor;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.ModelDescriptorJson;
import io.fruits.pipeline.model.ModelFingerprint;
import io.fruits.pipeline.model.ModelKeys;
import io.fruits.pipeline.model.Precision;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Opens the model once in the driver before any job starts, so a missing or unsuitable model is
 * reported in one line instead of as failed map tasks, and fingerprints it for the PCA state. The
 * model's descriptor (the .json next to it, or the built-in default) is checked with it; the
 * embed job hands it to the tasks.
 */
final class ModelCheck {

  private ModelCheck() {}

  static CheckedModel validate(Configuration conf, Path model) throws IOException {
    FileSystem fs = model.getFileSystem(conf);
    if (!fs.exists(model)) {
      throw new InvalidConfigException("model " + model + " does not exist");
    }
    if (fs instanceof LocalFileSystem) {
      return check(new File(fs.makeQualified(model).toUri().getPath()).toPath(), model, conf);
    }
    java.nio.file.Path local = Files.createTempFile("fruits-model-", ".onnx");
    try {
      fs.copyToLocalFile(false, model, new Path(local.toUri()), true);
      return check(local, model, conf);
    } finally {
      Files.deleteIfExists(local);
    }
  }

  private static CheckedModel check(java.nio.file.Path file, Path model, Configuration conf)
      throws IOException {
    ModelDescriptor descriptor = descriptor(conf, model, file);
    try (FeatureExtractor extractor = FeatureExtractor.open(file, descriptor, ModelKeys.settings(conf))) {
      // Opening validates inputs and outputs against the descriptor.
    }
    ModelFingerprint fingerprint = ModelFingerprint.of(file, descriptor);
    Precision required = ModelKeys.requiredPrecision(conf);
    if (required != null && required != fingerprint.precision()) {
      throw new InvalidConfigException("model " + model + " is " + fingerprint.precision()
          + ", not " + required + " as " + ModelKeys.PRECISION.key() + " asks");
    }
    return new CheckedModel(model, descriptor, fingerprint);
  }

  /** The descriptor file next to {@code model} (any file system), or the built-in default. */
  private static ModelDescriptor descriptor(Configuration conf, Path model,
      java.nio.file.Path localModel) throws IOException {
    Path json = new Path(model.getParent(), ModelDescriptorJson.sidecarName(model.getName()));
    FileSystem fs = json.getFileSystem(conf);
    if (!fs.exists(json)) {
      return ModelDescriptor.MOBILENET_V2;
    }
    try (InputStream in = fs.open(json)) {
      return ModelDescriptorJson.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), json.toString(), localModel);
    }
  }
}
