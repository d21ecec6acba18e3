package io.fruits.pipeline.classify;

import io.fruits.pipeline.conf.JobJar;
import io.fruits.pipeline.output.FeatureReadSupport;
import io.fruits.pipeline.output.FeatureSchema;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.parquet.hadoop.ParquetInputFormat;
import org.apache.parquet.hadoop.api.ReadSupport;

/**
 * Builds the training job: a run's Parquet rows (path, label and PCA scores only) → a seeded,
 * class-balanced sample of at most {@link ClassifyKeys#PER_CLASS} rows per label, gathered by the
 * mappers and merged by one reducer, which trains on it ({@link TrainReducer}). The driver never
 * reads the rows; the reducer holds at most labels × per-class rows.
 */
public final class TrainJob {

  private TrainJob() {}

  public static Job create(Configuration conf, Path features, Path output) throws IOException {
    Job job = Job.getInstance(conf, "fruits-train");
    JobJar.set(job, TrainReducer.class);
    job.setInputFormatClass(ParquetInputFormat.class);
    ParquetInputFormat.setReadSupportClass(job, FeatureReadSupport.class);
    job.getConfiguration().set(ReadSupport.PARQUET_READ_SCHEMA, FeatureSchema.columns(
        FeatureSchema.PATH, FeatureSchema.LABEL, FeatureSchema.PCA).toString());
    FileInputFormat.setInputPaths(job, features);
    job.setMapperClass(SampleMapper.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(LabelledPoint.class);
    job.setReducerClass(TrainReducer.class);
    job.setNumReduceTasks(1);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(NullWritable.class);
    // The reducer writes its files itself into the task's work folder, which the commit moves;
    // the lazy format gives it a file committer without an empty part file.
    LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }
}
