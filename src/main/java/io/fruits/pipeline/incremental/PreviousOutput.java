package io.fruits.pipeline.incremental;

import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.output.FeatureSchema;
import io.fruits.pipeline.output.OutputLayout;
import io.fruits.pipeline.output.RunSummary;
import io.fruits.pipeline.pca.CovarianceSums;
import io.fruits.pipeline.pca.CovarianceSumsFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The finished output of an earlier run that an incremental run updates: which images it
 * embedded (path, size, modification time), their embeddings, and its merged PCA sums.
 */
public final class PreviousOutput {

  private final OutputLayout layout;
  private final long rows;
  private final CovarianceSums sums;

  private PreviousOutput(OutputLayout layout, long rows, CovarianceSums sums) {
    this.layout = layout;
    this.rows = rows;
    this.sums = sums;
  }

  /**
   * Opens {@code root} after checking that it is a finished run whose embeddings come from the
   * model {@code modelId}, and that it is whole: every Parquet file its summary lists is there
   * with its size, and no other, and its saved PCA sums count its rows. An update of a damaged
   * output would silently give a PCA that differs from a full run's.
   *
   * @throws InvalidConfigException when it is none of those, saying what is wrong
   */
  public static PreviousOutput open(Configuration conf, Path root, String modelId)
      throws IOException {
    OutputLayout layout = new OutputLayout(root);
    FileSystem fs = root.getFileSystem(conf);
    if (!fs.exists(layout.success())) {
      throw new InvalidConfigException("previous output " + root + " is not a finished run"
          + " (no _SUCCESS); give the output folder of a run that completed");
    }
    RunSummary summary;
    try (InputStream in = fs.open(layout.summary())) {
      summary = RunSummary.readJson(in);
    } catch (IOException e) {
      throw new InvalidConfigException("cannot read " + layout.summary() + " of the previous"
          + " output: " + e.getMessage());
    }
    if (!modelId.equals(summary.modelId())) {
      throw new InvalidConfigException("previous output " + root + " holds embeddings of "
          + summary.modelId() + ", not of " + modelId + "; embeddings of different models"
          + " cannot be mixed, so run without --incremental");
    }
    requirePiece(fs, root, layout.pcaSums(), "saved PCA sums");
    requirePiece(fs, root, layout.images(), "listing of its images");
    checkFeatureFiles(fs, layout, summary);
    CovarianceSums sums = CovarianceSumsFile.load(conf, layout.pcaSums());
    if (sums.count() != summary.rows()) {
      throw new InvalidConfigException("previous output " + root + " is damaged: its PCA sums ("
          + layout.pcaSums().getName() + ") count " + sums.count() + " rows, its summary "
          + summary.rows() + "; run without --incremental");
    }
    return new PreviousOutput(layout, summary.rows(), sums);
  }

  /** Compares the Parquet files in features/ with those the summary recorded. */
  private static void checkFeatureFiles(FileSystem fs, OutputLayout layout, RunSummary summary)
      throws IOException {
    Path root = layout.root();
    if (summary.featureFiles() == null) {
      throw new InvalidConfigException("previous output " + root + " has no list of its Parquet"
          + " files in " + layout.summary().getName() + ": it was written by a version whose"
          + " outputs incremental runs cannot update; run once without --incremental");
    }
    Map<String, Long> found = FeatureSchema.partFiles(fs, layout.features());
    for (Map.Entry<String, Long> expected : summary.featureFiles().entrySet()) {
      Long size = found.remove(expected.getKey());
      if (size == null || size.longValue() != expected.getValue()) {
        throw new InvalidConfigException("previous output " + root + " is damaged: "
            + layout.features().getName() + "/" + expected.getKey() + (size == null
            ? " is missing" : " has " + size + " bytes, not " + expected.getValue())
            + "; run without --incremental");
      }
    }
    if (!found.isEmpty()) {
      throw new InvalidConfigException("previous output " + root + " has Parquet files its run"
          + " did not write: " + found.keySet() + "; run without --incremental");
    }
  }

  private static void requirePiece(FileSystem fs, Path root, Path piece, String what)
      throws IOException {
    if (!fs.exists(piece)) {
      throw new InvalidConfigException("previous output " + root + " has no " + what
          + " (" + piece.getName() + "): it was written by a version whose outputs incremental"
          + " runs cannot update; run once without --incremental");
    }
  }

  public Path root() {
    return layout.root();
  }

  /** The folder of the previous rows, which the embed job reads. */
  public Path features() {
    return layout.features();
  }

  /** The merged covariance sums of every image the previous run embedded. */
  public CovarianceSums sums() {
    return sums.copy();
  }

  /** The output's {@code images/} folder: path, size and modification time of every row's image. */
  public Path imagesFolder() {
    return layout.images();
  }

  /**
   * Checks that {@link #imagesFolder()} listed one image per row.
   *
   * @throws InvalidConfigException when it did not
   */
  public void checkImageCount(long images) {
    if (images != rows) {
      throw new InvalidConfigException("previous output " + layout.root() + " is damaged: its "
          + layout.images().getName() + "/ lists " + images + " images for " + rows
          + " rows; run without --incremental");
    }
  }
}
