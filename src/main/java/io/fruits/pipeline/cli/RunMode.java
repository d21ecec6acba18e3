package io.fruits.pipeline.cli;

import io.fruits.pipeline.incremental.InputChanges;
import io.fruits.pipeline.incremental.PreviousOutput;
import io.fruits.pipeline.incremental.PreviousRowMapper;
import io.fruits.pipeline.ingest.UnreadableFolders;
import io.fruits.pipeline.output.OutputLayout;
import io.fruits.pipeline.output.RunSummary;
import io.fruits.pipeline.pca.CovarianceSums;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;

/**
 * What a run starts from: nothing (a full run) or the output of an earlier run it updates. The
 * stages of a run are the same in both; only these answers differ.
 */
sealed interface RunMode permits RunMode.Full, RunMode.Incremental {

  /** Image files found under the input. */
  long listed();

  /** Folders under the input the listing could not read. */
  UnreadableFolders unreadable();

  /** Previous rows the embed job passes on unchanged. */
  long reused();

  /** Previous rows the embed job drops (images deleted or changed). */
  long dropped();

  /** Adds to the embed job whatever it reads besides the images to embed. */
  void addPreviousRows(Job embedJob) throws IOException;

  /** The covariance sums this run's new sums are added to. */
  CovarianceSums startingSums(int dimension);

  /** The summary's incremental section, or null for a full run. */
  RunSummary.Incremental summary(long embedded);

  /** This mode with its listings read from {@code layout}'s (the same content, elsewhere). */
  RunMode withListingsOf(OutputLayout layout);

  /** A run over the whole input. */
  record Full(long listed, UnreadableFolders unreadable) implements RunMode {

    @Override
    public long reused() {
      return 0;
    }

    @Override
    public long dropped() {
      return 0;
    }

    @Override
    public void addPreviousRows(Job embedJob) {
      // Nothing came before.
    }

    @Override
    public CovarianceSums startingSums(int dimension) {
      return new CovarianceSums(dimension);
    }

    @Override
    public RunSummary.Incremental summary(long embedded) {
      return null;
    }

    @Override
    public RunMode withListingsOf(OutputLayout layout) {
      return this;
    }
  }

  /**
   * An update of {@code previous}: the embed job also reads its rows, keeping those of unchanged
   * images and dropping those listed in {@code droppedListing}.
   */
  record Incremental(PreviousOutput previous, InputChanges changes, Path droppedListing)
      implements RunMode {

    @Override
    public long listed() {
      return changes.listed();
    }

    @Override
    public UnreadableFolders unreadable() {
      return changes.unreadable();
    }

    @Override
    public long reused() {
      return changes.reused();
    }

    @Override
    public long dropped() {
      return changes.dropped();
    }

    @Override
    public void addPreviousRows(Job embedJob) throws IOException {
      PreviousRowMapper.addTo(embedJob, previous.features(), droppedListing);
    }

    @Override
    public CovarianceSums startingSums(int dimension) {
      return previous.sums();
    }

    @Override
    public RunSummary.Incremental summary(long embedded) {
      return new RunSummary.Incremental(previous.root().toString(), reused(), embedded, dropped());
    }

    @Override
    public RunMode withListingsOf(OutputLayout layout) {
      return new Incremental(previous, changes, layout.droppedListing());
    }
  }
}
