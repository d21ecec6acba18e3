package io.fruits.pipeline.project;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * What both projection mappers share: the PCA model from the distributed cache, the projection
 * onto its kept components, the final row, and the step timings.
 */
abstract class ProjectingMapper<K, V> extends Mapper<K, V, Void, FeatureRow> {

  /** The name the PCA model file is linked under in each task's working folder. */
  static final String PCA_LINK = "pca-model.bin";

  private PcaModel pca;
  private float[] projected;
  private long projectNanos;
  private long writeNanos;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    try (InputStream in = Files.newInputStream(CachedFile.local(context, PCA_LINK))) {
      pca = PcaModelFile.read(in);
    }
    projected = new float[pca.k()];
  }

  /** Projects {@code features} and writes the image's row. */
  protected final void emit(Context context, String path, String label, long size, long modified,
      float[] features) throws IOException, InterruptedException {
    if (features.length != pca.dimension()) {
      throw new IOException(path + " has " + features.length + " features; the PCA model expects "
          + pca.dimension());
    }
    // The Parquet writer copies values as it writes, so the arrays can be reused.
    long start = System.nanoTime();
    pca.project(features, 0, projected);
    long projectedAt = System.nanoTime();
    context.write(null, new FeatureRow(path, label, size, modified, features, projected));
    writeNanos += System.nanoTime() - projectedAt;
    projectNanos += projectedAt - start;
    context.getCounter(ProjectJob.Counters.ROWS_WRITTEN).increment(1);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    context.getCounter(ProjectJob.Timings.PROJECT_MS).increment(projectNanos / 1_000_000);
    context.getCounter(ProjectJob.Timings.PARQUET_WRITE_MS).increment(writeNanos / 1_000_000);
  }
}
