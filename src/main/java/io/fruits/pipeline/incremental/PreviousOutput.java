package io.fruits.pipeline.incremental;

import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.pca.CovarianceSums;
import io.fruits.pipeline.pca.PcaModelStore;
import io.fruits.pipeline.project.FeatureReadSupport;
import io.fruits.pipeline.project.FeatureRow;
import io.fruits.pipeline.report.OutputLayout;
import io.fruits.pipeline.report.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;

/**
 * The finished output of an earlier run that an incremental run updates: which images it
 * embedded (path, size, modification time), their embeddings, and its merged PCA sums.
 */
public final class PreviousOutput {

  private static final String PATH_AND_FEATURES =
      "message fruit_features { required binary path (STRING);"
          + " required group features (LIST) { repeated group list { required float element; } } }";
  /** Rows summed per call, to use the batched update of the sums. */
  private static final int BATCH = 256;

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
    if (!fs.exists(layout.pcaSums())) {
      throw new InvalidConfigException("previous output " + root + " has no saved PCA sums ("
          + layout.pcaSums().getName() + "): it was written by a version without incremental"
          + " runs; run once without --incremental");
    }
    return new PreviousOutput(conf, layout);
  }

  public Path root() {
    return layout.root();
  }

  /** The folder of the previous rows, to re-project. */
  public Path features() {
    return layout.features();
  }

  /** The merged covariance sums of every image the previous run embedded. */
  public CovarianceSums sums() throws IOException {
    return PcaModelStore.loadSums(conf, layout.pcaSums());
  }

  /** Every embedded image by path, read from the path, size and modified columns only. */
  public Map<String, PreviousImage> images() throws IOException {
    Map<String, PreviousImage> images = new HashMap<>();
    for (Path part : layout.featureFiles(conf)) {
      try (ParquetReader<FeatureRow> reader = reader(part, FeatureReadSupport.FILE_COLUMNS)) {
        for (FeatureRow row = reader.read(); row != null; row = reader.read()) {
          images.put(row.path(), new PreviousImage(row.path(), row.size(), row.modified(), part));
        }
      }
    }
    return images;
  }

  /**
   * The covariance sums of the given images' embeddings, read only from the Parquet files that
   * hold them.
   *
   * @throws IOException if an image's row is not where {@link #images} found it
   */
  public CovarianceSums sumsOf(Collection<PreviousImage> wanted, int dimension)
      throws IOException {
    Map<Path, Set<String>> byPart = new LinkedHashMap<>();
    for (PreviousImage image : wanted) {
      byPart.computeIfAbsent(image.part(), p -> new HashSet<>()).add(image.path());
    }
    CovarianceSums sums = new CovarianceSums(dimension);
    float[] batch = new float[BATCH * dimension];
    int filled = 0;
    long found = 0;
    for (Map.Entry<Path, Set<String>> part : byPart.entrySet()) {
      try (ParquetReader<FeatureRow> reader = reader(part.getKey(), PATH_AND_FEATURES)) {
        for (FeatureRow row = reader.read(); row != null; row = reader.read()) {
          if (!part.getValue().contains(row.path())) {
            continue;
          }
          if (row.features().length != dimension) {
            throw new IOException(row.path() + " in " + part.getKey() + " has "
                + row.features().length + " features, expected " + dimension);
          }
          System.arraycopy(row.features(), 0, batch, filled * dimension, dimension);
          found++;
          if (++filled == BATCH) {
            sums.addBatch(batch, filled);
            filled = 0;
          }
        }
      }
    }
    sums.addBatch(batch, filled);
    if (found != wanted.size()) {
      throw new IOException("found " + found + " of the " + wanted.size()
          + " previous rows to remove under " + features());
    }
    return sums;
  }

  private ParquetReader<FeatureRow> reader(Path part, String projection) throws IOException {
    Configuration read = new Configuration(conf);
    read.set(ReadSupport.PARQUET_READ_SCHEMA, projection);
    return ParquetReader.builder(new FeatureReadSupport(), part).withConf(read).build();
  }
}
