package io.fruits.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fruits.pipeline.cli.RunSummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report reads what the run writes: summary.json as {@link RunSummary} produces it. */
class RunFactsTest {

  @Test
  void readsTheRunSummaryJson() throws Exception {
    RunSummary summary = new RunSummary("in", "out", "model.onnx", "mobilenet", "INT8", true, 10, 10,
        8, 2, Map.of("CORRUPT", 2L), 3, 1, 4, 0.875, Map.of("embed", 1.5), Map.of("inference", 2.5),
        0.75, 4);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    summary.writeJson(json);
    RunFacts facts = RunFacts.readJson(new ByteArrayInputStream(json.toByteArray()));
    assertEquals(new RunFacts("in", "out", "mobilenet", "INT8", true, 10, 10, 8, 2,
        Map.of("CORRUPT", 2L), 4, 0.875, Map.of("embed", 1.5), Map.of("inference", 2.5)), facts);
  }
}
