package io.fruits.pipeline.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.Objects;

/**
 * ONNX Runtime session options the pipeline sets.
 *
 * @param intraOpThreads threads inside one operator; 0 lets ONNX Runtime use one per core
 * @param interOpThreads threads across independent operators; 0 is the ONNX Runtime default
 * @param optimization graph optimisation level
 * @param memoryArena whether the CPU allocator keeps an arena of reused blocks
 */
public record SessionSettings(
    int intraOpThreads, int interOpThreads, OptLevel optimization, boolean memoryArena) {

  public SessionSettings {
    if (intraOpThreads < 0 || interOpThreads < 0) {
      throw new IllegalArgumentException(
          "thread counts must be >= 0, got intra " + intraOpThreads + ", inter " + interOpThreads);
    }
    Objects.requireNonNull(optimization, "optimization");
  }

  /** Default threads, every graph optimisation, arena on. */
  public static SessionSettings defaults() {
    return new SessionSettings(0, 1, OptLevel.ALL_OPT, true);
  }

  /** New options with these settings; the caller closes them after every session built on them. */
  SessionOptions toSessionOptions() throws OrtException {
    SessionOptions options = new SessionOptions();
    try {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(interOpThreads);
      options.setOptimizationLevel(optimization);
      options.setCPUArenaAllocator(memoryArena);
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING);
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }
}
