package io.fruits.pipeline.embed;

import org.apache.parquet.hadoop.ParquetOutputFormat;

/** Parquet output of {@link RejectRow}s; a named output of the embedding job. */
public class RejectOutputFormat extends ParquetOutputFormat<RejectRow> {

  public RejectOutputFormat() {
    super(new RejectWriteSupport());
  }
}
