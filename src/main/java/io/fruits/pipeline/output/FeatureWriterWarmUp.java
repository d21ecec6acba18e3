package io.fruits.pipeline.output;

import io.fruits.pipeline.conf.JobJar;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes feature rows to nowhere on a background thread, so that the projection tasks of a local
 * run find the Parquet writer's classes loaded and initialised and its per-value code compiled.
 * The first Parquet writer in a JVM loads about 1,500 classes (Parquet, its Thrift footers,
 * Jackson for its metadata), 0.6 s of one core, and then writes 1280-float lists through code the
 * JIT has yet to compile: on the sample that made the project stage 1.65 s where a JVM that had
 * written Parquet before took 0.5–0.7 s. The driver starts it as the eigen-decomposition begins,
 * which keeps one core busy for 15–20 s and leaves the other idle. On a cluster the tasks run in
 * other JVMs, so it does nothing there.
 */
public final class FeatureWriterWarmUp {

  private static final Logger LOG = LoggerFactory.getLogger(FeatureWriterWarmUp.class);

  /** Enough rows (of 1280 floats) for the JIT to compile the per-value path. */
  static final int ROWS = 2000;
  /** Scores per row: any k takes the same code. */
  private static final int K = 64;

  private FeatureWriterWarmUp() {}

  /**
   * Starts the warm-up on a daemon thread when jobs run on the local runner, with rows of
   * {@code dimension} features written as the projection job's output format writes them.
   */
  public static void start(Configuration conf, int dimension) throws IOException {
    if (!JobJar.runsLocally(conf)) {
      return;
    }
    Job job = Job.getInstance(conf);
    FeatureOutputFormat.configure(job, "warm-up", K, 0);
    Configuration copy = job.getConfiguration();
    Thread thread = new Thread(() -> run(copy, dimension), "parquet-writer-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run(Configuration conf, int dimension) {
    try {
      write(conf, new FeatureRow("file:/warm-up/label/image.jpg", "label", 1, 0,
          new float[dimension], new float[K]), new Discarded());
    } catch (IOException | RuntimeException e) {
      // Only a head start: the tasks' own writers report any real problem.
      LOG.debug("Parquet writer warm-up failed", e);
    }
  }

  /** Writes {@code row} {@link #ROWS} times to {@code file} as a task would. */
  static void write(Configuration conf, FeatureRow row, OutputFile file) throws IOException {
    try (ParquetWriter<FeatureRow> writer =
        new FeatureWriterBuilder(file).withConf(conf).withColumnSettings(conf).build()) {
      for (int i = 0; i < ROWS; i++) {
        writer.write(row);
      }
    }
  }

  /** A file whose bytes go nowhere, only counted for the writer's positions. */
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
