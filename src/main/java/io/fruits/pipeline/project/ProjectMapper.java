package io.fruits.pipeline.project;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.embed.EmbeddingWritable;
import io.fruits.pipeline.output.FeatureRow;
import io.fruits.pipeline.output.OutputKeys;
import io.fruits.pipeline.output.RowSample;
import io.fruits.pipeline.output.RowSampleFiles;
import io.fruits.pipeline.pca.BatchProjector;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * the k principal components of the PCA model from the distributed cache, {@value #BATCH} rows per
 * matrix product ({@link BatchProjector}), and writes the images' final rows in input order. On the side it writes what later readers would otherwise read the Parquet files for:
 * each image's file facts (named output {@value #IMAGES}, for the next incremental run) and the
 * report's share of this task's rows ({@link RowSampleFiles}).
 */
public class ProjectMapper extends Mapper<NullWritable, EmbeddingWritable, Void, FeatureRow> {

  public enum Counters { ROWS_WRITTEN }

  /** Milliseconds tasks spent projecting and writing Parquet, summed over tasks by Hadoop. */
  public enum Timings { PROJECT_MS, PARQUET_WRITE_MS }

  /** The name the PCA model file is linked under in each task's working folder. */
  public static final String PCA_LINK = "pca-model.bin";
  /** Named output of the images' file facts, and the files it writes under the job's output. */
  public static final String IMAGES = "images";
  public static final String IMAGES_FILE = "_images";

  /** Rows per matrix product: large enough for sgemm's full speed, 1.3 MB of centred rows. */
  static final int BATCH = 256;

  /** A row waiting in the batch for its scores. */
  private record Pending(String path, String label, long size, long modified, float[] features) {}

  private PcaModel pca;
  private BatchProjector projector;
  private final List<Pending> pending = new ArrayList<>();
  private float[] projected;
  private double sampleFraction;
  private final Map<String, Long> rowsPerLabel = new HashMap<>();
  private MultipleOutputs<Void, FeatureRow> outputs;
  private long projectNanos;
  private long writeNanos;

  @Override
  protected void setup(Context context) throws IOException {
    try (InputStream in = Files.newInputStream(
        CachedFile.local(context, PCA_LINK))) {
      pca = PcaModelFile.read(in);
    }
    projector = new BatchProjector(pca, BATCH);
    projected = new float[pca.k()];
    sampleFraction = OutputKeys.SAMPLE_FRACTION.getDouble(context.getConfiguration());
    outputs = new MultipleOutputs<>(context);
  }

  @Override
  protected void map(NullWritable key, EmbeddingWritable embedding, Context context)
      throws IOException, InterruptedException {
    float[] features = embedding.features();
    EmbeddingWritable.checkDimension(embedding.path(), features.length, pca.dimension());
    // The writable reuses its array for the next record; the batch keeps a copy.
    pending.add(new Pending(embedding.path(), embedding.label(), embedding.size(),
        embedding.modified(), features.clone()));
    projector.add(features, 0);
    if (projector.isFull()) {
      writeBatch(context);
    }
  }

  /** Projects the batch and writes its rows, in the order they came. */
  private void writeBatch(Context context) throws IOException, InterruptedException {
    long start = System.nanoTime();
    projector.project();
    projectNanos += System.nanoTime() - start;
    for (int row = 0; row < pending.size(); row++) {
      Pending image = pending.get(row);
      projector.scores(row, projected);
      // The Parquet writer copies values as it writes, so the score array can be reused.
      long writing = System.nanoTime();
      context.write(null, new FeatureRow(image.path(), image.label(), image.size(),
          image.modified(), image.features(), projected));
      writeNanos += System.nanoTime() - writing;
      context.getCounter(Counters.ROWS_WRITTEN).increment(1);
      outputs.write(IMAGES, NullWritable.get(), new FileStatus(image.size(), false, 1, 0,
          image.modified(), new Path(image.path())), IMAGES_FILE);
      rowsPerLabel.merge(image.label(), 1L, Long::sum);
      if (RowSample.sampled(image.path(), sampleFraction)) {
        outputs.write(RowSampleFiles.SAMPLE, new Text(image.label()),
            new ArrayPrimitiveWritable(projected.clone()), RowSampleFiles.SAMPLE_FILE);
      }
    }
    pending.clear();
    projector.clear();
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    writeBatch(context);
    for (Map.Entry<String, Long> label : rowsPerLabel.entrySet()) {
      outputs.write(RowSampleFiles.LABELS, new Text(label.getKey()),
          new LongWritable(label.getValue()), RowSampleFiles.LABELS_FILE);
    }
    outputs.close();
    context.getCounter(Timings.PROJECT_MS).increment(projectNanos / 1_000_000);
    context.getCounter(Timings.PARQUET_WRITE_MS).increment(writeNanos / 1_000_000);
  }
}
