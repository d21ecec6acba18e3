package io.fruits.pipeline.cli;

import io.fruits.pipeline.ingest.ImageListing;
import io.fruits.pipeline.output.OutputLayout;
import org.apache.hadoop.fs.Path;

/**
 * Everything a run decided before its first job starts; the driver only carries it out.
 *
 * @param identity what decides the embeddings, saved with them for --resume
 * @param embedding the embed job to run, or the one an interrupted run committed
 * @param toEmbed the listing of the images the embed job reads
 * @param reducers covariance reducers of the embed job
 */
record RunPlan(Path input, OutputTarget target, CheckedModel model, PcaChoice pca,
    RunIdentity identity, Embedding embedding, ImagesToEmbed toEmbed, RunMode mode,
    int reducers) {

  /** The folder the run writes to. */
  OutputLayout layout() {
    return target.layout();
  }

  /** A listing the planner wrote while it listed the input, with its size. */
  record ImagesToEmbed(Path listing, long files, long bytes) {

    ImageListing.Totals totals() {
      return new ImageListing.Totals(files, bytes);
    }
  }
}
