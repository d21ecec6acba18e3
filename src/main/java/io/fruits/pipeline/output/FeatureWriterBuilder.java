package io.fruits.pipeline.output;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

/** A Parquet writer of {@link FeatureRow}s outside a job: the warm-up's, and tests'. */
final class FeatureWriterBuilder extends ParquetWriter.Builder<FeatureRow, FeatureWriterBuilder> {

  FeatureWriterBuilder(OutputFile file) {
    super(file);
  }

  @Override
  protected FeatureWriterBuilder self() {
    return this;
  }

  @Override
  protected WriteSupport<FeatureRow> getWriteSupport(Configuration conf) {
    return new FeatureWriteSupport();
  }
}
