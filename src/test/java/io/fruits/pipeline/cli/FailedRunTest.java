package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fruits.pipeline.embed.EmbedKeys;
import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.testing.FailingLocalFileSystem;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose map task dies (a file it reads fails with an I/O error) leaves nothing that looks
 * like a result, and a rerun over it with
 * {@code --overwrite} gives the same output as a clean run. (The local runner does not retry
 * tasks; the retry itself is exercised on the mini cluster.)
 */
class FailedRunTest {

  @TempDir Path temp;

  @Test
  void aFailedRunLeavesNoOutputAndARerunMatchesACleanRun() throws Exception {
    Path input = temp.resolve("in");
    SharedData.copyAsDataset(SharedData.fruits(2, 6), input);
    try (var labels = Files.list(input)) {
      Path label = labels.findFirst().orElseThrow();
      Files.copy(SharedData.fruits(1, 1).get(0), label.resolve(FailingLocalFileSystem.MARKER + ".jpg"));
    }
    Path clean = temp.resolve("clean");
    Path retried = temp.resolve("retried");
    assertEquals(0, run(input, clean, false));

    assertEquals(1, run(input, retried, true));
    assertFalse(Files.exists(retried.resolve("_SUCCESS")));
    assertFalse(Files.exists(retried), "the failed run's partial output is removed");

    Files.createDirectories(retried.resolve("stale"));
    assertEquals(0, run(input, retried, false, "--overwrite"));
    assertFalse(Files.exists(retried.resolve("stale")));
    // 2 × 6 photos and the copy named for the failure, which only the failing file system refuses.
    ParquetRows.assertSameRows(clean, retried, 2 * 6 + 1, 1e-4f);
  }

  /** A run; {@code failing} reads through {@link FailingLocalFileSystem}, so one task dies. */
  private static int run(Path input, Path output, boolean failing, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("run"));
    if (failing) {
      args.addAll(List.of(FailingLocalFileSystem.GENERIC_OPTIONS));
    }
    args.addAll(List.of(
        "-D", IngestKeys.SPLIT_SIZE.key() + "=20000",
        "-D", EmbedKeys.BATCH_SIZE.key() + "=2",
        "--input", input.toString(), "--output", output.toString(),
        "--model", SharedData.floatModel().toString(), "--pca-k", "5"));
    args.addAll(List.of(extra));
    return Main.run(args.toArray(String[]::new));
  }
}
