package io.fruits.pipeline.output;

/** Parquet output of {@link PredictionRow}s; a named output of the classify job. */
public class PredictionOutputFormat extends FactoryCommittedParquetOutputFormat<PredictionRow> {

  public PredictionOutputFormat() {
    super(new PredictionWriteSupport());
  }
}
