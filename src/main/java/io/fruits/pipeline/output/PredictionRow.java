package io.fruits.pipeline.output;

import java.util.List;

/**
 * One classified image: its path, the label its folder gives, the predicted label and its
 * probability, and the three most probable labels with theirs, most probable first.
 */
public record PredictionRow(String path, String label, String predicted, float probability,
    List<String> top3, float[] top3Probabilities) {

  public PredictionRow {
    top3 = List.copyOf(top3);
  }
}
