package io.fruits.pipeline.pca;

import java.io.IOException;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Merges the map tasks' partial covariance sums of one key: a row block of the sums of images
 * embedded, or (negative keys, see {@link SumsShuffle}) of previous rows an incremental run
 * removes.
 */
public class CovarianceReducer
    extends Reducer<IntWritable, CovarianceSumsWritable, IntWritable, CovarianceSumsWritable> {

  public enum Counters { PARTIALS_MERGED, MERGE_MS }

  @Override
  protected void reduce(IntWritable block, Iterable<CovarianceSumsWritable> partials,
      Context context) throws IOException, InterruptedException {
    long start = System.nanoTime();
    CovarianceSums merged = null;
    long count = 0;
    for (CovarianceSumsWritable partial : partials) {
      if (merged == null) {
        // Merge into a copy: the caller's values stay as they were.
        merged = partial.get().copy();
      } else {
        merged.merge(partial.get());
      }
      count++;
    }
    context.getCounter(Counters.PARTIALS_MERGED).increment(count);
    context.getCounter(Counters.MERGE_MS).increment((System.nanoTime() - start) / 1_000_000);
    CovarianceSumsWritable out = new CovarianceSumsWritable();
    out.set(merged);
    context.write(block, out);
  }
}
