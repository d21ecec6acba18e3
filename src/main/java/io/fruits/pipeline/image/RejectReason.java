package io.fruits.pipeline.image;

/** Why an input file is not embedded; each reason becomes a counter and a reject row. */
public enum RejectReason {
  EMPTY_FILE("the file has no bytes"),
  NOT_AN_IMAGE("no image reader recognises the file"),
  CORRUPT("the file looks like an image but cannot be decoded (damaged or truncated)"),
  TOO_LARGE("the file is longer than fruits.ingest.max-bytes, or its image declares more pixels"
      + " than fruits.image.max-pixels allows"),
  UNSUPPORTED("a format that is recognised but not decoded (HEIC/HEIF), or a colour model with no"
      + " RGB conversion"),
  UNREADABLE("the file could not be read from the file system"),
  TIMED_OUT("decoding took longer than fruits.image.decode-timeout and was abandoned");

  private final String description;

  RejectReason(String description) {
    this.description = description;
  }

  /** One line for reports and {@code --help}. */
  public String description() {
    return description;
  }
}
