package io.fruits.pipeline.conf;

/** A user mistake in configuration or arguments: reported as one line, exit code 2. */
public class InvalidConfigException extends RuntimeException {

  public InvalidConfigException(String message) {
    super(message);
  }

  public InvalidConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
