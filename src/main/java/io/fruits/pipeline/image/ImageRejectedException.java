package io.fruits.pipeline.image;

import java.util.Objects;

/**
 * An input file that cannot become a model input, with the reason and a short detail. This is bad
 * data, not a fault: callers count it and write a reject row.
 */
public class ImageRejectedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final RejectReason reason;
  private final String detail;

  public ImageRejectedException(RejectReason reason, String detail) {
    this(reason, detail, null);
  }

  public ImageRejectedException(RejectReason reason, String detail, Throwable cause) {
    // Rejects are routine data outcomes, so a stack trace of our own would only cost time.
    super(reason + ": " + detail, cause, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.detail = detail;
  }

  public RejectReason reason() {
    return reason;
  }

  public String detail() {
    return detail;
  }
}
