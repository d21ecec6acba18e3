package io.fruits.pipeline.output;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a few feature rows to nowhere on a background thread, so that the Parquet writer's
 * classes are loaded and initialised, and its per-value code compiled, while the local runner
 * is still submitting the projection job. The first Parquet writer in a JVM loads about 1,500
 * classes (Parquet, its Thrift footers, Jackson for its metadata) and initialises them: 0.6 s of
 * one core, which both projection tasks would otherwise wait for after submission. Submission
 * mostly waits for the {@code chmod} processes Hadoop starts for each staging file, so the other
 * core is free. On a cluster the tasks run in other JVMs and this would only cost the driver.
 */
public final class FeatureWriterWarmUp {

  private static final Logger LOG = LoggerFactory.getLogger(FeatureWriterWarmUp.class);

  /** Enough rows for the JIT to compile the per-value path before the tasks start. */
  static final int ROWS = 64;

  private FeatureWriterWarmUp() {}

  /**
   * Starts the warm-up on a daemon thread; {@code conf} is the projection job's configuration
   * (after {@link FeatureOutputFormat#configure}), so the rows take the tasks' write path.
   */
  public static void start(Configuration conf, int dimension, int k) {
    Configuration copy = new Configuration(conf);
    Thread thread = new Thread(() -> run(copy, dimension, k), "parquet-writer-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run(Configuration conf, int dimension, int k) {
    try {
      write(conf, new FeatureRow("file:/warm-up/label/image.jpg", "label", 1, 0,
          new float[dimension], new float[k]));
    } catch (IOException | RuntimeException e) {
      // Only a head start: the tasks' own writers report any real problem.
      LOG.debug("Parquet writer warm-up failed", e);
    }
  }

  /**
   * Writes {@code row} {@link #ROWS} times as a task would, to nowhere; returns the length the
   * file would have had.
   */
  static long write(Configuration conf, FeatureRow row) throws IOException {
    Discarded file = new Discarded();
    FeatureWriterBuilder builder = new FeatureWriterBuilder(file).withConf(conf);
    // The builder takes no column settings from the configuration; these are the tasks'.
    for (String column : FeatureSchema.FLOAT_ELEMENTS) {
      builder.withDictionaryEncoding(column, false).withStatisticsEnabled(column, false);
    }
    try (ParquetWriter<FeatureRow> writer = builder.build()) {
      for (int i = 0; i < ROWS; i++) {
        writer.write(row);
      }
    }
    return file.bytes;
  }

  /** A file whose bytes go nowhere, only counted. */
  private static final class Discarded implements OutputFile {

    private long bytes;

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        @Override
        public long getPos() {
          return bytes;
        }

        @Override
        public void write(int b) {
          bytes++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
          bytes += length;
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
