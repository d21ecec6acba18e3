package io.fruits.pipeline.output;

import java.io.IOException;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.PathOutputCommitterFactory;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.api.WriteSupport;

/**
 * A {@link ParquetOutputFormat} committed like any other {@code FileOutputFormat}: the committer
 * comes from Hadoop's {@link PathOutputCommitterFactory} for the output's scheme, so HDFS and local
 * disk keep the {@code FileOutputCommitter} while {@code s3a://} gets the S3A committer named by
 * {@code fs.s3a.committer.name} (magic, directory). {@code ParquetOutputFormat} itself always
 * returns a renaming {@code ParquetOutputCommitter}: on S3 every rename is a copy, and as a named
 * output of {@code MultipleOutputs} next to an S3A job committer its files are never committed.
 * Parquet's deprecated {@code _metadata} summary files are no longer written.
 */
public abstract class FactoryCommittedParquetOutputFormat<T> extends ParquetOutputFormat<T> {

  private OutputCommitter committer;

  protected FactoryCommittedParquetOutputFormat(WriteSupport<T> writeSupport) {
    super(writeSupport);
  }

  @Override
  public synchronized OutputCommitter getOutputCommitter(TaskAttemptContext context) throws IOException {
    if (committer == null) {
      committer = PathOutputCommitterFactory.createCommitter(getOutputPath(context), context);
    }
    return committer;
  }
}
