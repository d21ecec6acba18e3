package io.fruits.pipeline.output;

import io.fruits.pipeline.image.RejectReason;

/** An input file that was not embedded, and why. */
public record RejectRow(String path, RejectReason reason, String detail) {}
