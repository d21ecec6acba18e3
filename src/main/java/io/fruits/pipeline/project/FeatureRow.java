package io.fruits.pipeline.project;

/** One row of the final output: an image, its label, its embedding and its PCA projection. */
public record FeatureRow(String path, String label, float[] features, float[] pca) {}
