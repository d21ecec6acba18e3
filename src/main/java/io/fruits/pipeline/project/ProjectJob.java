package io.fruits.pipeline.project;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.conf.JobJar;
import io.fruits.pipeline.output.FeatureOutputFormat;
import io.fruits.pipeline.output.FeatureRow;
import io.fruits.pipeline.output.OutputKeys;
import io.fruits.pipeline.output.RowSample;
import io.fruits.pipeline.output.RowSampleFiles;
import io.fruits.pipeline.pca.PcaModel;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.ArrayPrimitiveWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;

/**
 * Builds job 2, map-only: the embeddings job 1 left (SequenceFiles of EmbeddingWritable) and the
 * saved PCA model → Parquet rows (path, label, size, modified, features, pca), plus the images'
 * file facts and the report's sample on the side (see {@link ProjectMapper}).
 */
public final class ProjectJob {

  private ProjectJob() {}

  /**
   * @param pcaModelFile {@code pca} as saved, shipped to the tasks
   * @param rows how many rows the job writes, to size the report's sample
   */
  public static Job create(Configuration conf, Path embeddings, Path pcaModelFile, PcaModel pca,
      long rows, Path output) throws IOException {
    Job job = Job.getInstance(conf, "fruits-project");
    JobJar.set(job, ProjectMapper.class);
    job.setInputFormatClass(SequenceFileInputFormat.class);
    FileInputFormat.setInputPaths(job, embeddings);
    job.setMapperClass(ProjectMapper.class);
    job.setNumReduceTasks(0);
    CachedFile.add(job, pcaModelFile, ProjectMapper.PCA_LINK);
    job.setOutputKeyClass(Void.class);
    job.setOutputValueClass(FeatureRow.class);
    job.setOutputFormatClass(FeatureOutputFormat.class);
    FeatureOutputFormat.configure(job, pca.modelName(), pca.k(), pca.cumulativeExplainedVariance());
    FileOutputFormat.setOutputPath(job, output);
    OutputKeys.SAMPLE_FRACTION.set(job.getConfiguration(), RowSample.fraction(rows));
    MultipleOutputs.addNamedOutput(job, ProjectMapper.IMAGES, SequenceFileOutputFormat.class,
        NullWritable.class, FileStatus.class);
    MultipleOutputs.addNamedOutput(job, RowSampleFiles.LABELS, SequenceFileOutputFormat.class,
        Text.class, LongWritable.class);
    MultipleOutputs.addNamedOutput(job, RowSampleFiles.SAMPLE, SequenceFileOutputFormat.class,
        Text.class, ArrayPrimitiveWritable.class);
    return job;
  }
}
