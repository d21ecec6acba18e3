package io.fruits.pipeline.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;

/** The ONNX Runtime environment every session of the pipeline is created in. */
public final class OnnxEnvironment {

  private OnnxEnvironment() {}

  /**
   * The per-JVM singleton, logging at WARNING. Its close() does nothing: it lives until exit, so
   * callers never close it.
   */
  public static OrtEnvironment shared() {
    return OrtEnvironment.getEnvironment(
        OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "fruits-pipeline");
  }
}
