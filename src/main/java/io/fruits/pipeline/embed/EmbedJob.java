package io.fruits.pipeline.embed;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.conf.JobJar;
import io.fruits.pipeline.pca.CovarianceBlockWritable;
import io.fruits.pipeline.pca.CovarianceReducer;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;

/**
 * Builds job 1: images → embeddings (+ rejects) in the map phase, covariance sums merged by
 * row block in the reduce phase. Its output folder holds {@code embeddings/} (SequenceFiles of
 * {@link EmbeddingWritable}), {@code rejects/} (Parquet) and {@code part-r-*} (merged blocks).
 */
public final class EmbedJob {

  private EmbedJob() {}

  /** The reduce count is chosen when splits are computed ({@link EmbedInputFormat}). */
  public static Job create(Configuration conf, Path input, Path output, Path model)
      throws IOException {
    Job job = Job.getInstance(conf, "fruits-embed");
    JobJar.set(job, EmbedMapper.class);

    job.setInputFormatClass(EmbedInputFormat.class);
    FileInputFormat.setInputPaths(job, input);
    job.setMapperClass(EmbedMapper.class);
    CachedFile.add(job, model, EmbedMapper.MODEL_LINK);

    job.setReducerClass(CovarianceReducer.class);
    job.setMapOutputKeyClass(IntWritable.class);
    job.setMapOutputValueClass(CovarianceBlockWritable.class);
    job.setOutputKeyClass(IntWritable.class);
    job.setOutputValueClass(CovarianceBlockWritable.class);
    job.setOutputFormatClass(SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);

    MultipleOutputs.addNamedOutput(job, EmbedMapper.EMBEDDINGS, SequenceFileOutputFormat.class,
        NullWritable.class, EmbeddingWritable.class);
    MultipleOutputs.addNamedOutput(job, EmbedMapper.REJECTS, RejectOutputFormat.class,
        Void.class, RejectRow.class);
    return job;
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
