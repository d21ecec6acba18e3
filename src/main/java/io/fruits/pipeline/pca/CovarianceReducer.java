package io.fruits.pipeline.pca;

import java.io.IOException;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.mapreduce.Reducer;

/** Merges the map tasks' partial covariance sums for one row block (Chan et al. pairwise update). */
public class CovarianceReducer
    extends Reducer<IntWritable, CovarianceBlockWritable, IntWritable, CovarianceBlockWritable> {

  public enum Counters { PARTIALS_MERGED, MERGE_MS }

  @Override
  protected void reduce(IntWritable block, Iterable<CovarianceBlockWritable> partials, Context context)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    CovarianceBlock merged = null;
    long count = 0;
    for (CovarianceBlockWritable partial : partials) {
      if (merged == null) {
        // Hadoop reuses the value object, so keep a copy of the first partial.
        merged = partial.get().copy();
      } else {
        merged.merge(partial.get());
      }
      count++;
    }
    context.getCounter(Counters.PARTIALS_MERGED).increment(count);
    context.getCounter(Counters.MERGE_MS).increment((System.nanoTime() - start) / 1_000_000);
    CovarianceBlockWritable out = new CovarianceBlockWritable();
    out.set(merged);
    context.write(block, out);
  }
}
