/**
 * Embed (job 1, map): each image through the model in batches, one embedding or reject row per
 * image, and the split's covariance sums for the reducers.
 */
package io.fruits.pipeline.embed;
