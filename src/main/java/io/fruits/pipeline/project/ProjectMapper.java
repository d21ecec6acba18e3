package io.fruits.pipeline.project;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.embed.EmbeddingWritable;
import io.fruits.pipeline.output.FeatureRow;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Projects each embedding (this run's, and in an incremental run the previous rows it keeps) onto
 * the k principal components of the PCA model from the distributed cache, and writes the image's
 * final row.
 */
public class ProjectMapper extends Mapper<NullWritable, EmbeddingWritable, Void, FeatureRow> {

  /** The name the PCA model file is linked under in each task's working folder. */
  static final String PCA_LINK = "pca-model.bin";

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
    float[] features = embedding.features();
    if (features.length != pca.dimension()) {
      throw new IOException(embedding.path() + " has " + features.length
          + " features; the PCA model expects " + pca.dimension());
    }
    // The Parquet writer copies values as it writes, so the arrays can be reused.
    long start = System.nanoTime();
    pca.project(features, 0, projected);
    long projectedAt = System.nanoTime();
    context.write(null, new FeatureRow(embedding.path(), embedding.label(), embedding.size(),
        embedding.modified(), features, projected));
    writeNanos += System.nanoTime() - projectedAt;
    projectNanos += projectedAt - start;
    context.getCounter(ProjectJob.Counters.ROWS_WRITTEN).increment(1);
  }

  @Override
  protected void cleanup(Context context) {
    context.getCounter(ProjectJob.Timings.PROJECT_MS).increment(projectNanos / 1_000_000);
    context.getCounter(ProjectJob.Timings.PARQUET_WRITE_MS).increment(writeNanos / 1_000_000);
  }
}
