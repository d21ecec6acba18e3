package io.fruits.pipeline.cli;

/** A MapReduce job of the pipeline did not succeed; the run stops and exits with 1. */
class StageFailedException extends Exception {

  StageFailedException(String stage, String detail) {
    super("stage '" + stage + "' failed: " + detail);
  }
}
