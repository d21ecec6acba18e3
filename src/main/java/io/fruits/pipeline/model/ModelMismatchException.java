package io.fruits.pipeline.model;

/**
 * A model file that cannot be used as its {@link ModelDescriptor} says: its input or feature
 * output differ, it is not an ONNX model at all, its descriptor file is invalid, it lacks a tensor
 * a user named, or ({@link ModelNotFoundException}) it is missing. A user mistake: the message
 * names the file, what was expected and what the file has.
 */
public class ModelMismatchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ModelMismatchException(String message) {
    super(message);
  }

  public ModelMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
