/**
 * Reads and edits ONNX model files with protobuf's wire format (inspect, add an output), without
 * generated code.
 */
package io.fruits.pipeline.model.onnx;
