package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed under the local runner leaves its distributed-cache link {@code ./model.onnx} in
 * the working folder. The next run, asked for another model, must embed with that model, not
 * with whatever the stale link points to.
 */
class StaleModelLinkTest {

  @Test
  void aStaleModelLinkInTheWorkingFolderIsNeverUsed(@TempDir Path temp) throws Exception {
    Path input = temp.resolve("in");
    SharedData.copyAsDataset(SharedData.fruits(2, 3), input);
    Path clean = temp.resolve("clean");
    assertEquals(0, CliRun.pipeline(input, clean, SharedData.floatModel(), "--pca-k", "2").exit());

    Path link = Paths.get("model.onnx");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, SharedData.int8Model().toAbsolutePath());
    Path withLink = temp.resolve("with-link");
    try {
      CliRun run = CliRun.pipeline(input, withLink, SharedData.floatModel(), "--pca-k", "2");
      assertEquals(0, run.exit(), run.stderr());
    } finally {
      Files.delete(link);
    }
    Map<String, Group> expected = ParquetRows.rowsByPath(clean);
    Map<String, Group> actual = ParquetRows.rowsByPath(withLink);
    assertEquals(2 * 3, expected.size(), "one row per photo");
    assertEquals(expected.keySet(), actual.keySet());
    for (String path : expected.keySet()) {
      assertArrayEquals(ParquetRows.floats(expected.get(path), "features"),
          ParquetRows.floats(actual.get(path), "features"), path);
    }
  }
}
