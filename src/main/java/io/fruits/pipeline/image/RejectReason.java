package io.fruits.pipeline.image;

/** Why an input file is not embedded; each reason becomes a counter and a reject row. */
public enum RejectReason {
  /** The file has no bytes. */
  EMPTY_FILE,
  /** No image reader recognises the file. */
  NOT_AN_IMAGE,
  /** The file looks like an image but cannot be decoded (damaged or truncated). */
  CORRUPT,
  /**
   * The file is longer than fruits.ingest.max-bytes, or its image declares more pixels than
   * fruits.image.max-pixels allows.
   */
  TOO_LARGE,
  /**
   * A format that is recognised but not decoded (HEIC/HEIF), or a colour model with no RGB
   * conversion.
   */
  UNSUPPORTED,
  /** The file could not be read from the file system. */
  UNREADABLE,
  /** Decoding took longer than fruits.image.decode-timeout and was abandoned. */
  TIMED_OUT
}
