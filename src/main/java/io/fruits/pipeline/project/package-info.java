/**
 * Project (job 2, map-only): every embedding onto the k principal components, written as the
 * final Parquet rows.
 */
package io.fruits.pipeline.project;
