package io.fruits.pipeline.output;

/**
 * One row of the final output: an image, its label, its file's size and modification time
 * (milliseconds since the epoch), its embedding and its PCA projection.
 */
public record FeatureRow(
    String path, String label, long size, long modified, float[] features, float[] pca) {}
