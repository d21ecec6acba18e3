package io.fruits.pipeline.project;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.embed.EmbeddingWritable;
import io.fruits.pipeline.output.FeatureRow;
import io.fruits.pipeline.output.OutputKeys;
import io.fruits.pipeline.output.RowSample;
import io.fruits.pipeline.output.RowSampleFiles;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.ArrayPrimitiveWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Projects each embedding (this run's, and in an incremental run the previous rows it keeps) onto
 * the k principal components of the PCA model from the distributed cache, and writes the image's
 * final row. On the side it writes what later readers would otherwise read the Parquet files for:
 * each image's file facts (named output {@value #IMAGES}, for the next incremental run) and the
 * report's share of this task's rows ({@link RowSampleFiles}).
 */
public class ProjectMapper extends Mapper<NullWritable, EmbeddingWritable, Void, FeatureRow> {

  /** The name the PCA model file is linked under in each task's working folder. */
  static final String PCA_LINK = "pca-model.bin";
  /** Named output of the images' file facts, and the files it writes under the job's output. */
  public static final String IMAGES = "images";
  public static final String IMAGES_FILE = "_images";

  private PcaModel pca;
  private float[] projected;
  private double sampleFraction;
  private final Map<String, Long> rowsPerLabel = new HashMap<>();
  private MultipleOutputs<Void, FeatureRow> outputs;
  private long projectNanos;
  private long writeNanos;

  @Override
  protected void setup(Context context) throws IOException {
    try (InputStream in = Files.newInputStream(CachedFile.local(context, PCA_LINK))) {
      pca = PcaModelFile.read(in);
    }
    projected = new float[pca.k()];
    sampleFraction = OutputKeys.SAMPLE_FRACTION.getDouble(context.getConfiguration());
    outputs = new MultipleOutputs<>(context);
  }

  @Override
  protected void map(NullWritable key, EmbeddingWritable embedding, Context context)
      throws IOException, InterruptedException {
    float[] features = embedding.features();
    EmbeddingWritable.checkDimension(embedding.path(), features.length, pca.dimension());
    // The Parquet writer copies values as it writes, so the arrays can be reused.
    long start = System.nanoTime();
    pca.project(features, 0, projected);
    long projectedAt = System.nanoTime();
    context.write(null, new FeatureRow(embedding.path(), embedding.label(), embedding.size(),
        embedding.modified(), features, projected));
    writeNanos += System.nanoTime() - projectedAt;
    projectNanos += projectedAt - start;
    context.getCounter(ProjectJob.Counters.ROWS_WRITTEN).increment(1);
    outputs.write(IMAGES, NullWritable.get(), new FileStatus(embedding.size(), false, 1, 0,
        embedding.modified(), new Path(embedding.path())), IMAGES_FILE);
    rowsPerLabel.merge(embedding.label(), 1L, Long::sum);
    if (RowSample.sampled(embedding.path(), sampleFraction)) {
      outputs.write(RowSampleFiles.SAMPLE, new Text(embedding.label()),
          new ArrayPrimitiveWritable(projected.clone()), RowSampleFiles.SAMPLE_FILE);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    for (Map.Entry<String, Long> label : rowsPerLabel.entrySet()) {
      outputs.write(RowSampleFiles.LABELS, new Text(label.getKey()),
          new LongWritable(label.getValue()), RowSampleFiles.LABELS_FILE);
    }
    outputs.close();
    context.getCounter(ProjectJob.Timings.PROJECT_MS).increment(projectNanos / 1_000_000);
    context.getCounter(ProjectJob.Timings.PARQUET_WRITE_MS).increment(writeNanos / 1_000_000);
  }
}
