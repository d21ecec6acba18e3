/**
 * Output: the contract of an output folder: its layout, the Parquet schemas of feature and reject
 * rows and their writers and readers, and summary.json.
 */
package io.fruits.pipeline.output;
