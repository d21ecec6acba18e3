package io.fruits.pipeline.output;

import org.apache.hadoop.mapreduce.Job;
import org.apache.parquet.hadoop.ParquetOutputFormat;

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
  public static void configure(Job job, String modelName, int k, double explainedVariance) {
    for (String column : new String[] {FeatureSchema.FEATURES, FeatureSchema.PCA}) {
      job.getConfiguration().setBoolean(
          ParquetOutputFormat.ENABLE_DICTIONARY + "#" + column + ".list.element", false);
    }
    OutputKeys.MODEL_NAME.set(job.getConfiguration(), modelName);
    OutputKeys.PCA_K.set(job.getConfiguration(), k);
    OutputKeys.EXPLAINED_VARIANCE.set(job.getConfiguration(), explainedVariance);
  }
}
