package io.fruits.pipeline.output;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

/** A Parquet writer of {@link FeatureRow}s outside a job: the warm-up's, and tests'. */
final class FeatureWriterBuilder extends ParquetWriter.Builder<FeatureRow, FeatureWriterBuilder> {

  FeatureWriterBuilder(OutputFile file) {
    super(file);
  }

  /**
   * Takes each column's dictionary and statistics settings from {@code conf}, under the keys
   * ParquetOutputFormat reads, so that this writer writes what a job's tasks write: the builder
   * reads no column settings from the configuration {@link #withConf} gives it.
   */
  FeatureWriterBuilder withColumnSettings(Configuration conf) {
    boolean dictionary = ParquetOutputFormat.getEnableDictionary(conf);
    for (ColumnDescriptor descriptor : FeatureSchema.SCHEMA.getColumns()) {
      String column = String.join(".", descriptor.getPath());
      withDictionaryEncoding(column,
          conf.getBoolean(ParquetOutputFormat.ENABLE_DICTIONARY + "#" + column, dictionary));
      withStatisticsEnabled(column, ParquetOutputFormat.getStatisticsEnabled(conf, column));
    }
    return this;
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
