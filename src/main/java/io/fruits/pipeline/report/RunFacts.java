package io.fruits.pipeline.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The facts of a run the report shows, read from the run's {@code summary.json} (the fields keep
 * that file's names; fields the report does not use are ignored).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunFacts(
    String input,
    String output,
    String modelId,
    String precision,
    boolean pcaReused,
    long imagesListed,
    long imagesRead,
    long imagesEmbedded,
    long imagesRejected,
    Map<String, Long> rejectedByReason,
    int pcaComponents,
    double pcaExplainedVariance,
    Map<String, Double> stageSeconds,
    Map<String, Double> taskSeconds) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public RunFacts {
    rejectedByReason = rejectedByReason == null ? Map.of() : rejectedByReason;
    stageSeconds = stageSeconds == null ? Map.of() : stageSeconds;
    taskSeconds = taskSeconds == null ? Map.of() : taskSeconds;
  }

  public static RunFacts readJson(InputStream in) throws IOException {
    return JSON.readValue(in, RunFacts.class);
  }
}
