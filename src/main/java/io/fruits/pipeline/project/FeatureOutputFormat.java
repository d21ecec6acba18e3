package io.fruits.pipeline.project;

import io.fruits.pipeline.pca.PcaModel;
import org.apache.hadoop.mapreduce.Job;
import io.fruits.pipeline.conf.FactoryCommittedParquetOutputFormat;

/** Parquet output of {@link FeatureRow}s, the pipeline's final product. */
public class FeatureOutputFormat extends FactoryCommittedParquetOutputFormat<FeatureRow> {

  public FeatureOutputFormat() {
    super(new FeatureWriteSupport());
  }

  /** Records the run facts that every file's footer carries. */
  public static void setFooter(Job job, PcaModel pca) {
    ProjectKeys.MODEL_NAME.set(job.getConfiguration(), pca.modelName());
    ProjectKeys.PCA_K.set(job.getConfiguration(), pca.k());
    ProjectKeys.EXPLAINED_VARIANCE.set(job.getConfiguration(), pca.cumulativeExplainedVariance());
  }
}
