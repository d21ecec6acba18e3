package io.fruits.pipeline.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** summary.json is read back as it was written: the report relies on it. */
class RunSummaryTest {

  @Test
  void jsonRoundTripKeepsEveryField() throws Exception {
    RunSummary summary = new RunSummary("in", "out", "model.onnx", "mobilenet", "INT8", true, 10, 10,
        8, 2, Map.of("CORRUPT", 2L), List.of("file:/in/locked"), 3, 1, 4, 0.875, Map.of("embed", 1.5), Map.of("inference", 2.5),
        new RunSummary.Incremental("prev", 7, 3, 1), Map.of("part-m-00000.parquet", 1234L), 0.75, 4);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    summary.writeJson(json);
    assertEquals(summary, RunSummary.readJson(new ByteArrayInputStream(json.toByteArray())));
  }
}
