package io.fruits.pipeline.project;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.conf.JobJar;
import io.fruits.pipeline.pca.PcaModel;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.MultipleInputs;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.parquet.hadoop.ParquetInputFormat;

/**
 * Builds job 2, map-only: embeddings + saved PCA model → Parquet rows (path, label, size,
 * modified, features, pca). Incremental runs add a previous output's rows as a second input
 * ({@link #addPreviousRows}), re-projected by {@link ReprojectMapper}.
 */
public final class ProjectJob {

  public enum Counters { ROWS_WRITTEN, ROWS_REUSED, ROWS_DROPPED }

  /** Milliseconds tasks spent projecting and writing Parquet, summed over tasks by Hadoop. */
  public enum Timings { PROJECT_MS, PARQUET_WRITE_MS }

  private ProjectJob() {}

  /**
   * @param embeddings this run's embeddings (SequenceFiles of EmbeddingWritable), or null when
   *     an incremental run embedded nothing new
   */
  public static Job create(Configuration conf, Path embeddings, Path pcaModelFile, PcaModel pca,
      Path output) throws IOException {
    Job job = Job.getInstance(conf, "fruits-project");
    JobJar.set(job, ProjectMapper.class);
    if (embeddings != null) {
      MultipleInputs.addInputPath(job, embeddings, SequenceFileInputFormat.class,
          ProjectMapper.class);
    }
    job.setNumReduceTasks(0);
    CachedFile.add(job, pcaModelFile, ProjectingMapper.PCA_LINK);
    job.setOutputKeyClass(Void.class);
    job.setOutputValueClass(FeatureRow.class);
    job.setOutputFormatClass(FeatureOutputFormat.class);
    FeatureOutputFormat.configure(job, pca);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  /**
   * Adds a previous run's Parquet rows to re-project, except those of the images in
   * {@code droppedListing} (an {@link io.fruits.pipeline.ingest.ImageListing}).
   */
  public static void addPreviousRows(Job job, Path previousFeatures, Path droppedListing)
      throws IOException {
    MultipleInputs.addInputPath(job, previousFeatures, ParquetInputFormat.class,
        ReprojectMapper.class);
    ParquetInputFormat.setReadSupportClass(job, FeatureReadSupport.class);
    CachedFile.add(job, droppedListing, ReprojectMapper.DROPPED_LINK);
  }
}
