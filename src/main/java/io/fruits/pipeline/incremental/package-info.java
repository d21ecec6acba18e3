/**
 * Incremental runs: the previous output an update starts from, how the input differs from it, and
 * the mapper that reuses or drops its rows.
 */
package io.fruits.pipeline.incremental;
