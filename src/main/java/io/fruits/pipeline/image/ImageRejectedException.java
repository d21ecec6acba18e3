package io.fruits.pipeline.image;

import java.util.Objects;

/**
 * An input file that cannot become a model input, with the reason and a short detail. This is bad
 * data, not a fault: callers count it and write a reject row.
 */
public class ImageRejectedException extends Exception {

  private static final long serialVersionUID = 1L;
  /** Details are cut to this length: they end up in every reject row. */
  static final int MAX_DETAIL_CHARS = 200;

  private final RejectReason reason;
  private final String detail;

  public ImageRejectedException(RejectReason reason, String detail) {
    this(reason, detail, null);
  }

  /** @param detail what was wrong, cut to {@value #MAX_DETAIL_CHARS} characters */
  public ImageRejectedException(RejectReason reason, String detail, Throwable cause) {
    // Rejects are routine data outcomes, so a stack trace of our own would only cost time.
    super(reason + ": " + shorten(detail), cause, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.detail = shorten(detail);
  }

  /**
   * A reject caused by what a reader, colour model or decoder threw on this file's data; the
   * detail names the step, the exception's class and its message.
   */
  static ImageRejectedException caused(RejectReason reason, String step, Throwable cause) {
    String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
    return new ImageRejectedException(
        reason, step + ": " + cause.getClass().getSimpleName() + message, cause);
  }

  public RejectReason reason() {
    return reason;
  }

  public String detail() {
    return detail;
  }

  private static String shorten(String detail) {
    return detail == null || detail.length() <= MAX_DETAIL_CHARS
        ? detail
        : detail.substring(0, MAX_DETAIL_CHARS) + "…";
  }
}
