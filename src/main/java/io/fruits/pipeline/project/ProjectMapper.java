package io.fruits.pipeline.project;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.embed.EmbeddingWritable;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;

/** Projects each embedding onto the kept principal components and emits the final row. */
public class ProjectMapper extends Mapper<NullWritable, EmbeddingWritable, Void, FeatureRow> {

  public enum Counters { ROWS_WRITTEN }

  /** Milliseconds this task spent projecting and writing Parquet, summed over tasks by Hadoop. */
  public enum Timings { PROJECT_MS, PARQUET_WRITE_MS }

  /** The name the PCA model file is linked under in each task's working folder. */
  public static final String PCA_LINK = "pca-model.bin";

  private PcaModel pca;
  private float[] projected;
  private long projectNanos;
  private long writeNanos;

  @Override
  protected void setup(Context context) throws IOException {
    try (InputStream in = Files.newInputStream(CachedFile.local(context, PCA_LINK))) {
      pca = PcaModelFile.read(in);
    }
    projected = new float[pca.k()];
  }

  @Override
  protected void map(NullWritable key, EmbeddingWritable embedding, Context context)
      throws IOException, InterruptedException {
    // The Parquet writer copies values as it writes, so the arrays can be reused.
    long start = System.nanoTime();
    float[] features = embedding.features();
    pca.project(features, 0, projected);
    long projectedAt = System.nanoTime();
    context.write(null, new FeatureRow(embedding.path(), embedding.label(), embedding.size(),
        embedding.modified(), features, projected));
    writeNanos += System.nanoTime() - projectedAt;
    projectNanos += projectedAt - start;
    context.getCounter(Counters.ROWS_WRITTEN).increment(1);
  }

  @Override
  protected void cleanup(Context context) {
    context.getCounter(Timings.PROJECT_MS).increment(projectNanos / 1_000_000);
    context.getCounter(Timings.PARQUET_WRITE_MS).increment(writeNanos / 1_000_000);
  }
}
