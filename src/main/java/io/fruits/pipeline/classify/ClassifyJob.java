package io.fruits.pipeline.classify;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.conf.JobFiles;
import io.fruits.pipeline.conf.JobJar;
import io.fruits.pipeline.embed.EmbedInputFormat;
import io.fruits.pipeline.embed.EmbedMapper;
import io.fruits.pipeline.model.ModelKeys;
import io.fruits.pipeline.output.PredictionOutputFormat;
import io.fruits.pipeline.output.PredictionRow;
import io.fruits.pipeline.output.RejectOutputFormat;
import io.fruits.pipeline.output.RejectRow;
import io.fruits.pipeline.pca.CovarianceSumsWritable;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;

/**
 * Builds the classify job, map-only: the images of a listing → prediction rows (Parquet under
 * {@code predictions/}), reject rows ({@code rejects/}) and each task's confusion counts
 * ({@code confusion/}), with the embedding job's input format and mapper steps.
 */
public final class ClassifyJob {

  private ClassifyJob() {}

  public static Job create(Configuration conf, Path listing, Path output, Path model,
      ClassifierDescriptor classifier) throws IOException {
    Job job = Job.getInstance(conf, "fruits-classify");
    JobJar.set(job, ClassifyMapper.class);
    job.setInputFormatClass(EmbedInputFormat.class);
    FileInputFormat.setInputPaths(job, listing);
    job.setMapperClass(ClassifyMapper.class);
    job.setNumReduceTasks(0);
    CachedFile.add(job, model, EmbedMapper.MODEL_LINK);
    ModelKeys.setDescriptor(job.getConfiguration(), classifier.descriptor());
    ModelKeys.SHA256.set(job.getConfiguration(), classifier.sha256());
    ClassifyKeys.setLabels(job.getConfiguration(), classifier.labels());
    // The mapper writes only named outputs; the lazy format creates no empty main files.
    job.setOutputKeyClass(IntWritable.class);
    job.setOutputValueClass(CovarianceSumsWritable.class);
    LazyOutputFormat.setOutputFormatClass(job, SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
    MultipleOutputs.addNamedOutput(job, ClassifyMapper.PREDICTIONS, PredictionOutputFormat.class,
        Void.class, PredictionRow.class);
    MultipleOutputs.addNamedOutput(job, EmbedMapper.REJECTS, RejectOutputFormat.class,
        Void.class, RejectRow.class);
    MultipleOutputs.addNamedOutput(job, ClassifyMapper.CONFUSION, SequenceFileOutputFormat.class,
        NullWritable.class, Text.class);
    return job;
  }

  /** The confusion counts of every task of the job that wrote to {@code output}. */
  public static Confusion confusion(Configuration conf, Path output) throws IOException {
    Confusion total = new Confusion();
    Text json = new Text();
    for (Path part : JobFiles.named(conf, new Path(output, ClassifyMapper.CONFUSION), "part")) {
      JobFiles.readEach(conf, part, NullWritable.get(), json,
          () -> total.merge(Confusion.fromJson(json.toString())));
    }
    return total;
  }
}
