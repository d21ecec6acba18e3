package io.fruits.pipeline.incremental;

import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.pca.CovarianceSums;
import io.fruits.pipeline.pca.CovarianceSumsFile;
import io.fruits.pipeline.output.OutputImages;
import io.fruits.pipeline.output.OutputLayout;
import io.fruits.pipeline.output.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The finished output of an earlier run that an incremental run updates: which images it
 * embedded (path, size, modification time), their embeddings, and its merged PCA sums.
 */
public final class PreviousOutput {

  private final Configuration conf;
  private final OutputLayout layout;

  private PreviousOutput(Configuration conf, OutputLayout layout) {
    this.conf = conf;
    this.layout = layout;
  }

  /**
   * Opens {@code root} after checking that it is a finished run whose embeddings come from the
   * model {@code modelId} and that saved its PCA sums.
   *
   * @throws InvalidConfigException when it is none of those, saying which
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
    return new PreviousOutput(conf, layout);
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
  public CovarianceSums sums() throws IOException {
    return CovarianceSumsFile.load(conf, layout.pcaSums());
  }

  /** Every embedded image by path, from the output's {@code images/} listing. */
  public Map<String, PreviousImage> images() throws IOException {
    Map<String, PreviousImage> images = new HashMap<>();
    OutputImages.read(conf, layout.images(), image -> {
      String path = image.getPath().toString();
      images.put(path, new PreviousImage(path, image.getLen(), image.getModificationTime()));
    });
    return images;
  }
}
