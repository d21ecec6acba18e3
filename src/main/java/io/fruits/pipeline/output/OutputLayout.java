package io.fruits.pipeline.output;

import org.apache.hadoop.fs.Path;

/** Where a run puts each of its products under the output folder (documented in the README). */
public record OutputLayout(Path root) {

  /** The report page's name, and its charts' folder, under the output folder. */
  public static final String REPORT_PAGE = "report.html";
  public static final String REPORT_CHARTS = "report";
  public static final String SUMMARY = "summary.json";

  /** Final Parquet: path, label, features, pca. */
  public Path features() {
    return new Path(root, "features");
  }

  /** Parquet rows for files that were not embedded; absent when none was rejected. */
  public Path rejects() {
    return new Path(root, "rejects");
  }

  /** Every image with a row in {@link #features()}: path, size, modified ({@link OutputImages}). */
  public Path images() {
    return new Path(root, "images");
  }

  /** The saved PCA model, reusable by later runs. */
  public Path pcaModel() {
    return new Path(root, "pca/model.bin");
  }

  /** The merged covariance sums the PCA was fitted on, which incremental runs update. */
  public Path pcaSums() {
    return new Path(root, "pca/sums.seq");
  }

  /** The run report and the folder of its charts. */
  public Path reportPage() {
    return new Path(root, REPORT_PAGE);
  }

  public Path reportCharts() {
    return new Path(root, REPORT_CHARTS);
  }

  public Path summary() {
    return new Path(root, SUMMARY);
  }

  public Path success() {
    return new Path(root, "_SUCCESS");
  }

  /** Intermediate data, deleted when the run ends. */
  public Path work() {
    return new Path(root, "_work");
  }

  public Path embedWork() {
    return new Path(work(), "embed");
  }

  /** The images the embed job reads: all of them, or the new and changed ones of an update. */
  public Path toEmbedListing() {
    return new Path(work(), "to-embed.listing");
  }

  /** Incremental runs: the previous rows the re-projection drops. */
  public Path droppedListing() {
    return new Path(work(), "dropped.listing");
  }

  /** What the embed job committed and under which input, model and settings, for --resume. */
  public Path embedRecord() {
    return new Path(work(), "embedded.json");
  }

  /** Where --resume lists the input again, to compare with the listings of the interrupted run. */
  public OutputLayout relisting() {
    return new OutputLayout(new Path(work(), "relisted"));
  }
}
