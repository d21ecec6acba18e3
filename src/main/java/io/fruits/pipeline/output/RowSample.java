package io.fruits.pipeline.output;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the report needs of a run's rows, gathered while they are written instead of by reading
 * the Parquet files again: the rows per label, and the PCA scores of a seeded sample of about
 * {@link #TARGET} rows. Whether a row is sampled depends only on its path and the seed, so the
 * sample is the same however the rows are split among tasks.
 *
 * @param rowsPerLabel every row's label, counted
 * @param labels the sampled rows' labels
 * @param points the sampled rows' PCA scores, in the same order
 */
public record RowSample(Map<String, Long> rowsPerLabel, List<String> labels, List<float[]> points) {

  /** About this many rows are sampled. */
  public static final int TARGET = 5_000;
  public static final long SEED = 42;

  public RowSample {
    rowsPerLabel = Collections.unmodifiableMap(rowsPerLabel);
    labels = Collections.unmodifiableList(labels);
    points = Collections.unmodifiableList(points);
  }

  /** The share of rows to sample from {@code rows} rows, so that about {@link #TARGET} are. */
  public static double fraction(long rows) {
    return rows <= TARGET ? 1.0 : (double) TARGET / rows;
  }

  /** Whether the row of {@code path} is in a sample of the given fraction. */
  public static boolean sampled(String path, double fraction) {
    return fraction >= 1.0 || new SplittableRandom(SEED ^ path.hashCode()).nextDouble() < fraction;
  }

  public long rows() {
    return rowsPerLabel.values().stream().mapToLong(Long::longValue).sum();
  }
}
