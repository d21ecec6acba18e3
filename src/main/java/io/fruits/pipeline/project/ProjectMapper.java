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

  /** The name the PCA model file is linked under in each task's working folder. */
  public static final String PCA_LINK = "pca-model.bin";

  private PcaModel pca;
  private float[] projected;

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
    float[] features = embedding.features();
    pca.project(features, 0, projected);
    context.write(null, new FeatureRow(embedding.path(), embedding.label(), features, projected));
    context.getCounter(Counters.ROWS_WRITTEN).increment(1);
  }
}
