package io.fruits.pipeline.cli;

import org.apache.hadoop.fs.Path;

/** Where a run puts each of its products under the output folder (documented in the README). */
record OutputLayout(Path root) {

  /** Final Parquet: path, label, features, pca. */
  Path features() {
    return new Path(root, "features");
  }

  /** Parquet rows for files that were not embedded; absent when none was rejected. */
  Path rejects() {
    return new Path(root, "rejects");
  }

  /** The saved PCA model, reusable by later runs. */
  Path pcaModel() {
    return new Path(root, "pca/model.bin");
  }

  Path summary() {
    return new Path(root, "summary.json");
  }

  Path success() {
    return new Path(root, "_SUCCESS");
  }

  /** Intermediate data, deleted when the run ends. */
  Path work() {
    return new Path(root, "_work");
  }

  Path embedWork() {
    return new Path(work(), "embed");
  }
}
