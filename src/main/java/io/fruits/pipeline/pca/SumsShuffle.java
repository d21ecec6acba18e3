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

  /** MapTask.MapOutputBuffer's METASIZE: partition, key start, value start, value length. */
  private static final int RECORD_ACCOUNTING_BYTES = 4 * Integer.BYTES;

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

  /**
   * The bytes {@link #emit} puts in a map task's sort buffer for sums of {@code dimension} cut for
   * {@code reducers}: per block its key, its value and the 16 bytes of accounting Hadoop keeps per
   * record.
   */
  public static long bufferBytes(int dimension, int reducers) {
    int[] bounds = CovarianceBlocks.blockBounds(dimension, Math.max(1, reducers));
    long bytes = 0;
    for (int b = 0; b + 1 < bounds.length; b++) {
      bytes += Integer.BYTES + RECORD_ACCOUNTING_BYTES
          + CovarianceSumsWritable.serializedBytes(dimension, bounds[b], bounds[b + 1]);
    }
    return bytes;
  }

  /** True for the key of a block of removed rows. */
  static boolean isRemoved(int key) {
    return key < 0;
  }
}
