package io.fruits.pipeline.model;

/**
 * The model path names no readable regular file. A user mistake; a subclass of
 * {@link ModelMismatchException} so that one catch reports every unusable model file.
 */
public class ModelNotFoundException extends ModelMismatchException {

  private static final long serialVersionUID = 1L;

  public ModelNotFoundException(String message) {
    super(message);
  }
}
