package io.fruits.pipeline.incremental;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.embed.EmbedMapper;
import io.fruits.pipeline.embed.EmbeddingWritable;
import io.fruits.pipeline.model.ModelKeys;
import io.fruits.pipeline.output.FeatureReadSupport;
import io.fruits.pipeline.output.FeatureRow;
import io.fruits.pipeline.output.FeatureSchema;
import io.fruits.pipeline.pca.CovarianceAccumulator;
import io.fruits.pipeline.pca.CovarianceSumsWritable;
import io.fruits.pipeline.pca.SumsShuffle;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.MultipleInputs;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.parquet.hadoop.ParquetInputFormat;
import org.apache.parquet.hadoop.api.ReadSupport;

/**
 * The embed job's second mapper in an incremental run: reads the previous output's rows once.
 * A row whose image is unchanged passes its embedding on to the projection like a new one; a row
 * whose image was deleted or changed (listed in the file linked as {@value #DROPPED_LINK}) is
 * dropped, and its embedding's covariance sums leave the PCA sums (emitted as removed blocks).
 * The dropped paths are looked up through {@link DroppedImages}, never held all in memory.
 */
public class PreviousRowMapper
    extends Mapper<Void, FeatureRow, IntWritable, CovarianceSumsWritable> {

  public enum Counters { ROWS_REUSED, ROWS_DROPPED }

  public static final String DROPPED_LINK = "dropped-images.listing";

  private DroppedImages dropped;
  private final EmbeddingWritable embedding = new EmbeddingWritable();
  private MultipleOutputs<IntWritable, CovarianceSumsWritable> outputs;
  private CovarianceAccumulator removed;

  /** Adds {@code previousFeatures} as a second input of the embed job. */
  public static void addTo(Job embedJob, Path previousFeatures, Path droppedListing)
      throws IOException {
    MultipleInputs.addInputPath(embedJob, previousFeatures, ParquetInputFormat.class,
        PreviousRowMapper.class);
    ParquetInputFormat.setReadSupportClass(embedJob, FeatureReadSupport.class);
    embedJob.getConfiguration().set(ReadSupport.PARQUET_READ_SCHEMA, FeatureSchema.columns(
        FeatureSchema.PATH, FeatureSchema.LABEL, FeatureSchema.SIZE, FeatureSchema.MODIFIED,
        FeatureSchema.FEATURES).toString());
    CachedFile.add(embedJob, droppedListing, DROPPED_LINK);
  }

  @Override
  protected void setup(Context context) throws IOException {
    outputs = new MultipleOutputs<>(context);
    dropped = DroppedImages.load(context.getConfiguration(),
        new Path(CachedFile.local(context, DROPPED_LINK).toUri()));
    removed = new CovarianceAccumulator(
        ModelKeys.descriptor(context.getConfiguration()).featureDimension());
  }

  @Override
  protected void map(Void key, FeatureRow row, Context context)
      throws IOException, InterruptedException {
    float[] features = row.features();
    EmbeddingWritable.checkDimension(row.path(), features.length, removed.dimension());
    if (dropped.contains(row.path())) {
      removed.addRows(features, 1);
      context.getCounter(Counters.ROWS_DROPPED).increment(1);
      return;
    }
    embedding.set(row.path(), row.label(), row.size(), row.modified(), features, 0,
        features.length);
    outputs.write(EmbedMapper.EMBEDDINGS, NullWritable.get(), embedding,
        EmbedMapper.EMBEDDINGS + "/part");
    context.getCounter(Counters.ROWS_REUSED).increment(1);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    try {
      SumsShuffle.emit(context, removed.sums(), true);
    } finally {
      removed.close();
    }
    outputs.close();
  }
}
