package io.fruits.pipeline.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies the exact model a run embedded with: descriptor name, precision and a content hash.
 * PCA state carries this id, so state fitted on one model's embeddings is never applied to
 * another's (float and int8 features differ, and so do two exports of "the same" model).
 */
public record ModelFingerprint(String descriptorName, Precision precision, String sha256) {

  /** Operators that only quantized ONNX graphs contain. */
  private static final byte[][] QUANTIZED_OPS = {
      "QuantizeLinear".getBytes(StandardCharsets.US_ASCII),
      "QLinearConv".getBytes(StandardCharsets.US_ASCII)};

  public static ModelFingerprint of(Path modelFile, ModelDescriptor descriptor) throws IOException {
    byte[] bytes = Files.readAllBytes(modelFile);
    return new ModelFingerprint(descriptor.name(),
        isQuantized(bytes) ? Precision.INT8 : Precision.FP32, sha256(bytes));
  }

  /**
   * Checks that the model file a task is about to open is the one the driver fingerprinted:
   * a task never trusts a file just because it has the expected name (a stale link left in a
   * working folder by a killed run, say).
   *
   * @throws ModelMismatchException naming both hashes when the file differs
   */
  public static void verify(Path modelFile, String expectedSha256) throws IOException {
    String actual = sha256(Files.readAllBytes(modelFile));
    if (!actual.equals(expectedSha256)) {
      throw new ModelMismatchException("the model file " + modelFile + " this task opened has"
          + " sha256 " + actual + ", but the driver checked a model with sha256 "
          + expectedSha256 + "; a stale or replaced file must not be embedded with");
    }
  }

  /** The hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * True when the graph uses quantization operators. Operator types are stored as plain strings
   * in the ONNX protobuf, so finding their names in the file is enough, without parsing it.
   */
  static boolean isQuantized(byte[] model) {
    for (byte[] op : QUANTIZED_OPS) {
      if (indexOf(model, op) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** A short stable id, e.g. {@code mobilenet_v2_1.0_224/int8/sha256:c5f630a62f9053f9}. */
  public String id() {
    return descriptorName + "/" + precision.name().toLowerCase(java.util.Locale.ROOT)
        + "/sha256:" + sha256.substring(0, 16);
  }
}
