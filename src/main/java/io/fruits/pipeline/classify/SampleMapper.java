package io.fruits.pipeline.classify;

import io.fruits.pipeline.output.FeatureRow;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Keeps, per label, the rows of lowest seeded rank among its split's rows, and emits them at the
 * end: at most {@link ClassifyKeys#PER_CLASS} rows per label leave each task, whatever its size.
 */
public class SampleMapper extends Mapper<Void, FeatureRow, Text, LabelledPoint> {

  public enum Counters { ROWS_READ, ROWS_SAMPLED }

  private final Map<String, BottomK> samples = new TreeMap<>();
  private int perClass;
  private long seed;

  @Override
  protected void setup(Context context) {
    perClass = ClassifyKeys.perClass(context.getConfiguration());
    seed = ClassifyKeys.SEED.getLong(context.getConfiguration());
  }

  @Override
  protected void map(Void key, FeatureRow row, Context context) {
    context.getCounter(Counters.ROWS_READ).increment(1);
    samples.computeIfAbsent(row.label(), label -> new BottomK(perClass))
        .offer(new LabelledPoint(SampleRank.rank(seed, row.path()), row.path(), row.pca()));
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    Text label = new Text();
    for (Map.Entry<String, BottomK> sample : samples.entrySet()) {
      label.set(sample.getKey());
      for (LabelledPoint point : sample.getValue().points()) {
        context.write(label, point);
        context.getCounter(Counters.ROWS_SAMPLED).increment(1);
      }
    }
  }
}
