/**
 * PCA: covariance sums (one packed representation from map task to driver), their merge in the
 * reducers, the eigen-decomposition and the saved model.
 */
package io.fruits.pipeline.pca;
