package io.fruits.pipeline.model;

/**
 * ONNX Runtime failed on a model that passed validation: an infrastructure fault, thrown so that
 * Hadoop retries the task.
 */
public class InferenceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
