package io.fruits.pipeline.output;

import io.fruits.pipeline.output.FactoryCommittedParquetOutputFormat;

/** Parquet output of {@link RejectRow}s; a named output of the embedding job. */
public class RejectOutputFormat extends FactoryCommittedParquetOutputFormat<RejectRow> {

  public RejectOutputFormat() {
    super(new RejectWriteSupport());
  }
}
