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
   * dictionaries or min/max statistics: embeddings and projections almost never repeat a value,
   * so Parquet would build each page's dictionary only to fall back to plain encoding (~15 % of
   * the write time), and no reader prunes a list of 1280 floats by its smallest and largest
   * element, so comparing every value with the page's bounds (~8 %) bought nothing.
   */
  public static void configure(Job job, String modelName, int k, double explainedVariance) {
    for (String column : FeatureSchema.FLOAT_ELEMENTS) {
      // Parquet has a per-column setter for statistics but not for dictionaries.
      job.getConfiguration().setBoolean(ParquetOutputFormat.ENABLE_DICTIONARY + "#" + column, false);
      ParquetOutputFormat.setStatisticsEnabled(job, column, false);
    }
    OutputKeys.MODEL_NAME.set(job.getConfiguration(), modelName);
    OutputKeys.PCA_K.set(job.getConfiguration(), k);
    OutputKeys.EXPLAINED_VARIANCE.set(job.getConfiguration(), explainedVariance);
  }
}
