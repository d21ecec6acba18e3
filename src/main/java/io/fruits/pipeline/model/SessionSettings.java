package io.fruits.pipeline.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * ONNX Runtime session options the pipeline sets. Every session also gets every graph
 * optimisation and the CPU allocator's arena of reused blocks.
 *
 * @param intraOpThreads threads inside one operator; 0 lets ONNX Runtime use one per core
 * @param interOpThreads threads across independent operators; 0 is the ONNX Runtime default
 */
public record SessionSettings(int intraOpThreads, int interOpThreads) {

  public SessionSettings {
    if (intraOpThreads < 0 || interOpThreads < 0) {
      throw new IllegalArgumentException(
          "thread counts must be >= 0, got intra " + intraOpThreads + ", inter " + interOpThreads);
    }
  }

  /** Default threads. */
  public static SessionSettings defaults() {
    return new SessionSettings(0, 1);
  }

  /** New options with these settings; the caller closes them after every session built on them. */
  SessionOptions toSessionOptions() throws OrtException {
    SessionOptions options = new SessionOptions();
    try {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(interOpThreads);
      options.setOptimizationLevel(OptLevel.ALL_OPT);
      options.setCPUArenaAllocator(true);
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING);
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }
}
