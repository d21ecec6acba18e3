package io.fruits.pipeline.cli;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run's embeddings and covariance sums come from: the embed job it runs, or, with
 * {@code --resume}, the job an interrupted run already committed under the same identity.
 */
sealed interface Embedding permits Embedding.ToRun, Embedding.Committed {

  /** The embed job as the driver runs it. */
  @FunctionalInterface
  interface EmbedJobRun {
    EmbedCounts run() throws IOException, InterruptedException, StageFailedException;
  }

  /** The embed job's counts, running it if needed; a committed job's times go into {@code times}. */
  EmbedCounts counts(EmbedJobRun job, StageTimes times)
      throws IOException, InterruptedException, StageFailedException;

  /** The embed job is still to run. */
  record ToRun() implements Embedding {

    @Override
    public EmbedCounts counts(EmbedJobRun job, StageTimes times)
        throws IOException, InterruptedException, StageFailedException {
      return job.run();
    }
  }

  /** An interrupted run's embed job committed these, checked to match this run. */
  record Committed(EmbedRecord record) implements Embedding {

    private static final Logger LOG = LoggerFactory.getLogger(Committed.class);

    @Override
    public EmbedCounts counts(EmbedJobRun job, StageTimes times) {
      LOG.info("Resuming: {} images were embedded by the interrupted run; its embeddings and PCA"
          + " sums are reused", record.counts().embedded());
      times.restore(record.stageSeconds(), record.taskSeconds());
      return record.counts();
    }
  }
}
