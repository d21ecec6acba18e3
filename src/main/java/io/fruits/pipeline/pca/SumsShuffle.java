package io.fruits.pipeline.pca;

import java.io.IOException;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;

/**
 * How a map task's covariance sums reach the reducers: cut into one row block per reducer, keyed
 * by block index, so each reducer merges its rows of every partial. Sums of rows an incremental
 * run removes travel under negative keys and are merged apart from the sums of images added.
 */
public final class SumsShuffle {

  private SumsShuffle() {}

  /** Emits {@code sums} as one block per reduce task (at least one); nothing when empty. */
  public static void emit(TaskInputOutputContext<?, ?, IntWritable, CovarianceSumsWritable> context,
      CovarianceSums sums, boolean removed) throws IOException, InterruptedException {
    if (sums.count() == 0) {
      return;
    }
    int blocks = Math.max(1, context.getNumReduceTasks());
    int[] bounds = CovarianceBlocks.blockBounds(sums.dimension(), blocks);
    CovarianceSumsWritable value = new CovarianceSumsWritable();
    IntWritable key = new IntWritable();
    for (int b = 0; b < blocks; b++) {
      key.set(removed ? -1 - b : b);
      value.set(sums.block(b, bounds));
      context.write(key, value);
    }
  }

  /** True for the key of a block of removed rows. */
  static boolean isRemoved(int key) {
    return key < 0;
  }
}
