package io.fruits.pipeline.embed;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.conf.JobJar;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.ModelFingerprint;
import io.fruits.pipeline.model.ModelKeys;
import io.fruits.pipeline.output.RejectOutputFormat;
import io.fruits.pipeline.output.RejectRow;
import io.fruits.pipeline.pca.CovarianceReducer;
import io.fruits.pipeline.pca.CovarianceSumsWritable;
import io.fruits.pipeline.pca.SumsShuffle;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.lib.input.MultipleInputs;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;

/**
 * Builds job 1: images → embeddings (+ rejects) in the map phase, covariance sums merged by
 * row block in the reduce phase. Its output folder holds {@code embeddings/} (SequenceFiles of
 * {@link EmbeddingWritable}), {@code rejects/} (Parquet) and {@code part-r-*} (merged blocks).
 * An incremental run adds a second input and mapper to the same job (see
 * {@code incremental.PreviousRowMapper}).
 */
public final class EmbedJob {

  private static final double MIB = 1 << 20;
  /** MapTask's default for {@code mapreduce.map.sort.spill.percent}, a constant only there. */
  private static final float DEFAULT_SPILL_PERCENT = 0.8f;

  private EmbedJob() {}

  /**
   * @param listing the {@link io.fruits.pipeline.ingest.ImageListing} of the images to embed
   * @param reducers covariance reducers, chosen by the driver from the listing's size
   */
  public static Job create(Configuration conf, Path listing, Path output, Path model,
      ModelDescriptor descriptor, ModelFingerprint fingerprint, int reducers) throws IOException {
    Job job = Job.getInstance(conf, "fruits-embed");
    JobJar.set(job, EmbedMapper.class);
    MultipleInputs.addInputPath(job, listing, EmbedInputFormat.class, EmbedMapper.class);
    CachedFile.add(job, model, EmbedMapper.MODEL_LINK);
    ModelKeys.setDescriptor(job.getConfiguration(), descriptor);
    ModelKeys.SHA256.set(job.getConfiguration(), fingerprint.sha256());

    job.setNumReduceTasks(reducers);
    capSortBuffer(job.getConfiguration(), descriptor.featureDimension(), reducers);
    job.setReducerClass(CovarianceReducer.class);
    job.setMapOutputKeyClass(IntWritable.class);
    job.setMapOutputValueClass(CovarianceSumsWritable.class);
    job.setOutputKeyClass(IntWritable.class);
    job.setOutputValueClass(CovarianceSumsWritable.class);
    job.setOutputFormatClass(SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);

    MultipleOutputs.addNamedOutput(job, EmbedMapper.EMBEDDINGS, SequenceFileOutputFormat.class,
        NullWritable.class, EmbeddingWritable.class);
    MultipleOutputs.addNamedOutput(job, EmbedMapper.REJECTS, RejectOutputFormat.class,
        Void.class, RejectRow.class);
    return job;
  }

  /**
   * Sizes the map tasks' sort buffer ({@code mapreduce.task.io.sort.mb}) to what they shuffle: one
   * set of PCA sums, whose size the model's dimension fixes (6.6 MB at 1280). Hadoop's default of
   * 100 MB cost every task ~0.35 s to allocate, at its start, and heap a map container needs for
   * the decoders. A setting already smaller is kept: sums that outgrow it spill more than once,
   * slower but the same.
   */
  private static void capSortBuffer(Configuration conf, int dimension, int reducers) {
    float spillAt = conf.getFloat(MRJobConfig.MAP_SORT_SPILL_PERCENT, DEFAULT_SPILL_PERCENT);
    long bytes = SumsShuffle.bufferBytes(dimension, reducers);
    long needed = (long) Math.ceil(bytes / spillAt / MIB) + 1;
    if (needed < conf.getInt(MRJobConfig.IO_SORT_MB, MRJobConfig.DEFAULT_IO_SORT_MB)) {
      conf.setInt(MRJobConfig.IO_SORT_MB, (int) needed);
    }
  }

  /** Where the job leaves the embeddings under its output folder. */
  public static Path embeddings(Path output) {
    return new Path(output, EmbedMapper.EMBEDDINGS);
  }

  /** Where the job leaves the reject rows under its output folder (absent when none). */
  public static Path rejects(Path output) {
    return new Path(output, EmbedMapper.REJECTS);
  }
}
