package io.fruits.pipeline.cli;

import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.ModelFingerprint;
import org.apache.hadoop.fs.Path;

/** The model a run uses, opened once in the driver: its file, descriptor and fingerprint. */
record CheckedModel(Path path, ModelDescriptor descriptor, ModelFingerprint fingerprint) {

  int featureDimension() {
    return descriptor.featureDimension();
  }
}
