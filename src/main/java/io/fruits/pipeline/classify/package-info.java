/**
 * The recognizer: trains a linear classifier on a run's PCA features with the folder labels
 * (LIBLINEAR on a bounded, class-balanced, seeded sample gathered by one MapReduce pass), and
 * classifies photos with the exported ONNX model.
 */
package io.fruits.pipeline.classify;
