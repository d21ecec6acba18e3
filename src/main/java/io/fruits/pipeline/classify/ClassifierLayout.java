package io.fruits.pipeline.classify;

import org.apache.hadoop.fs.Path;

/** Where training puts the classifier's files, under {@code <run output>/classifier}. */
public record ClassifierLayout(Path root) {

  public static final String MODEL_FILE = "classifier.onnx";

  /** The folder of a run's output. */
  public static ClassifierLayout of(Path runOutput) {
    return new ClassifierLayout(new Path(runOutput, "classifier"));
  }

  /** The deployable model: image tensor in, label probabilities out. */
  public Path model() {
    return new Path(root, MODEL_FILE);
  }

  /** The label names, one a line, in the order of the probabilities. */
  public Path labels() {
    return new Path(root, "labels.txt");
  }

  /** {@link ClassifierDescriptor}'s JSON. */
  public Path descriptor() {
    return new Path(root, "classifier.json");
  }

  /** Held-out figures and training facts. */
  public Path report() {
    return new Path(root, "report.json");
  }

  /** The held-out figures as a page ({@link AccuracyPage}). */
  public Path reportPage() {
    return new Path(root, "report.html");
  }

  /** The LIBLINEAR model itself, for reuse outside the pipeline. */
  public Path liblinearModel() {
    return new Path(root, TrainedFiles.MODEL);
  }

  /** The training job's output, deleted when training ends. */
  public Path work() {
    return new Path(root, "_work");
  }
}
