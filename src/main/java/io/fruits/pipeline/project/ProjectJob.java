package io.fruits.pipeline.project;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.pca.PcaModel;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/** Builds job 2, map-only: embeddings + saved PCA model → Parquet rows (path, label, features, pca). */
public final class ProjectJob {

  private ProjectJob() {}

  public static Job create(Configuration conf, Path embeddings, Path pcaModelFile, PcaModel pca,
      Path output) throws IOException {
    Job job = Job.getInstance(conf, "fruits-project");
    job.setJarByClass(ProjectMapper.class);
    job.setInputFormatClass(SequenceFileInputFormat.class);
    FileInputFormat.setInputPaths(job, embeddings);
    job.setMapperClass(ProjectMapper.class);
    job.setNumReduceTasks(0);
    CachedFile.add(job, pcaModelFile, ProjectMapper.PCA_LINK);
    job.setOutputKeyClass(Void.class);
    job.setOutputValueClass(FeatureRow.class);
    job.setOutputFormatClass(FeatureOutputFormat.class);
    FeatureOutputFormat.setFooter(job, pca);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }
}
