/**
 * Model: the ONNX embedding model, its descriptor and fingerprint, and one ONNX Runtime session
 * per task JVM; {@code model.onnx} reads and edits model files.
 */
package io.fruits.pipeline.model;
