package io.fruits.pipeline.project;

import io.fruits.pipeline.pca.PcaModel;
import org.apache.hadoop.mapreduce.Job;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import io.fruits.pipeline.conf.FactoryCommittedParquetOutputFormat;

/** Parquet output of {@link FeatureRow}s, the pipeline's final product. */
public class FeatureOutputFormat extends FactoryCommittedParquetOutputFormat<FeatureRow> {

  public FeatureOutputFormat() {
    super(new FeatureWriteSupport());
  }

  /**
   * Records the run facts that every file's footer carries, and writes the float lists without
   * dictionaries: embeddings and projections almost never repeat a value, so Parquet would build
   * each page's dictionary only to fall back to plain encoding (~15 % of the write time).
   */
  public static void configure(Job job, PcaModel pca) {
    for (String column : new String[] {"features.list.element", "pca.list.element"}) {
      job.getConfiguration().setBoolean(ParquetOutputFormat.ENABLE_DICTIONARY + "#" + column, false);
    }
    ProjectKeys.MODEL_NAME.set(job.getConfiguration(), pca.modelName());
    ProjectKeys.PCA_K.set(job.getConfiguration(), pca.k());
    ProjectKeys.EXPLAINED_VARIANCE.set(job.getConfiguration(), pca.cumulativeExplainedVariance());
  }
}
