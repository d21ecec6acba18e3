package io.fruits.pipeline.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run did: counts, the PCA it chose and how long each stage took, and the Parquet files
 * it wrote ({@code featureFiles}: name → bytes, so an update can tell that the output is whole).
 * Saved as summary.json.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSummary(
    String input,
    String output,
    String model,
    String modelId,
    String precision,
    boolean pcaReused,
    long imagesListed,
    long imagesRead,
    long imagesEmbedded,
    long imagesRejected,
    Map<String, Long> rejectedByReason,
    List<String> unreadableFolders,
    int mapTasks,
    int covarianceReducers,
    int pcaComponents,
    double pcaExplainedVariance,
    Map<String, Double> stageSeconds,
    Map<String, Double> taskSeconds,
    Incremental incremental,
    Map<String, Long> featureFiles,
    Double nearestNeighbourAccuracy,
    Integer nearestNeighbourTestRows) {

  /**
   * What an incremental run did with the previous output: images whose embeddings it reused,
   * images it embedded (new or changed files, including those it rejected), and rows of the
   * previous output it removed (files deleted or changed).
   */
  public record Incremental(String previous, long imagesReused, long imagesEmbedded,
      long imagesRemoved) {}

  public RunSummary {
    // Summaries of earlier versions have no list of unreadable folders.
    unreadableFolders = unreadableFolders == null ? List.of() : List.copyOf(unreadableFolders);
  }

  /** Rows in the output's features: the images embedded, and in an update those reused. */
  public long rows() {
    return imagesEmbedded + (incremental == null ? 0 : incremental.imagesReused());
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** This summary with the report's nearest-neighbour accuracy filled in. */
  public RunSummary withNearestNeighbour(double accuracy, int testRows) {
    return new RunSummary(input, output, model, modelId, precision, pcaReused, imagesListed,
        imagesRead, imagesEmbedded, imagesRejected, rejectedByReason, unreadableFolders, mapTasks,
        covarianceReducers, pcaComponents, pcaExplainedVariance, stageSeconds, taskSeconds,
        incremental, featureFiles, accuracy, testRows);
  }

  public void writeJson(OutputStream out) throws IOException {
    JSON.writeValue(out, this);
  }

  public static RunSummary readJson(java.io.InputStream in) throws IOException {
    return JSON.readValue(in, RunSummary.class);
  }

  /** The lines printed at the end of a run. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "images: %d listed, %d read, %d embedded, %d rejected%n",
        imagesListed, imagesRead, imagesEmbedded, imagesRejected));
    rejectedByReason.forEach((reason, count) ->
        text.append(String.format(Locale.ROOT, "  rejected %s: %d%n", reason, count)));
    if (!unreadableFolders.isEmpty()) {
      text.append(String.format(Locale.ROOT,
          "unreadable folders, not listed: %d%n", unreadableFolders.size()));
      unreadableFolders.forEach(folder -> text.append("  ").append(folder)
          .append(System.lineSeparator()));
    }
    if (incremental != null) {
      text.append(String.format(Locale.ROOT,
          "incremental: %d reused, %d embedded, %d removed (previous output %s)%n",
          incremental.imagesReused(), incremental.imagesEmbedded(), incremental.imagesRemoved(),
          incremental.previous()));
    }
    text.append(String.format(Locale.ROOT, "tasks: %d map, %d covariance reducers%n",
        mapTasks, covarianceReducers));
    text.append(String.format(Locale.ROOT, "model: %s (%s)%n", modelId, precision));
    text.append(String.format(Locale.ROOT, "pca: %s k=%d, cumulative explained variance %.4f%n",
        pcaReused ? "reused," : "fitted,", pcaComponents, pcaExplainedVariance));
    if (nearestNeighbourAccuracy != null) {
      text.append(String.format(Locale.ROOT,
          "feature quality: 1-NN accuracy %.3f of the PCA features on %d held-out images%n",
          nearestNeighbourAccuracy, nearestNeighbourTestRows));
    }
    text.append("wall-clock seconds per stage:").append(System.lineSeparator());
    stageSeconds.forEach((stage, seconds) ->
        text.append(String.format(Locale.ROOT, "  %-18s %8.1f%n", stage, seconds)));
    text.append("task seconds per step (summed over tasks):").append(System.lineSeparator());
    taskSeconds.forEach((step, seconds) ->
        text.append(String.format(Locale.ROOT, "  %-18s %8.1f%n", step, seconds)));
    text.append("output: ").append(output).append(System.lineSeparator());
    return text.toString();
  }
}
