package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.CountingLocalFileSystem;
import io.fruits.pipeline.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each piece of a run's output, and of the previous output an incremental run updates, is
 * written or read once: counted by a file system that records every open and create.
 */
class ReadsAndWritesOnceTest {

  @Test
  void aFullAndAnIncrementalRunTouchEachPieceOnce(@TempDir Path temp) throws Exception {
    Path input = temp.resolve("in");
    Path first = temp.resolve("first");
    Path second = temp.resolve("second");
    SharedData.copyAsDataset(SharedData.fruits(3, 6), input);
    CountingLocalFileSystem.reset();
    run(input, first);
    Map<String, Integer> opened = CountingLocalFileSystem.opened();
    Map<String, Integer> created = CountingLocalFileSystem.created();

    assertEachOnce(opened, input.toString(), 18, "input photos read");
    String listing = first.resolve("_work/to-embed.listing").toString();
    Map<String, Integer> readOnce = new TreeMap<>(opened);
    int listingReads = readOnce.remove(listing);
    assertEachAtMostOnce(readOnce, first.toString(), "pieces of the output read");
    assertEachAtMostOnce(created, first.toString(), "pieces of the output written");
    // Written while listing, read once when the splits are made, then by each map task for its
    // range: at least one task, at most one a photo.
    assertTrue(listingReads >= 2 && listingReads <= 1 + 18, "listing read " + listingReads + " times");
    // Nothing reads back what the run wrote for its users: the report gets it handed over.
    for (String piece : List.of("summary.json", "pca/sums.seq")) {
      assertEachOnce(opened, first.resolve(piece).toString(), 0, "reads of " + piece);
    }
    assertTrue(opened.keySet().stream().noneMatch(path -> path.endsWith(".parquet")),
        "no Parquet file is read: " + opened.keySet());
    assertCreatedOnce(created, first);

    CountingLocalFileSystem.reset();
    run(input, second, "--incremental", "--previous", first.toString());
    opened = CountingLocalFileSystem.opened();
    assertEachOnce(opened, input.toString(), 0, "input photos read again");
    // The previous output: its summary, listing, sums and rows, each read exactly once.
    for (String piece : List.of("summary.json", "pca/sums.seq")) {
      assertEquals(1, opened.get(first.resolve(piece).toString()), piece);
    }
    assertEachOnce(opened, first.resolve("images").toString(), 2, "previous image listings");
    assertEachOnce(opened, first.resolve("features").toString(), 2, "previous Parquet files");
    // Side data: every task that reads previous rows loads the list of rows to drop.
    Map<String, Integer> readByTheDriver = new TreeMap<>(opened);
    readByTheDriver.remove(second.resolve("_work/dropped.listing").toString());
    assertEachAtMostOnce(readByTheDriver, second.toString(), "pieces of the update read");
    created = CountingLocalFileSystem.created();
    assertEachAtMostOnce(created, second.toString(), "pieces of the update written");
    // The update refits the PCA on the updated sums, so it writes the same pieces a full run does.
    assertCreatedOnce(created, second);
  }

  /** The run wrote its summary, PCA sums, PCA model and report, each exactly once. */
  private static void assertCreatedOnce(Map<String, Integer> created, Path output) {
    for (String piece : List.of("summary.json", "pca/sums.seq", "pca/model.bin", "report.html")) {
      assertEquals(1, created.get(output.resolve(piece).toString()), piece);
    }
  }

  /** Every recorded path under {@code folder} appears once, and there are {@code expected}. */
  private static void assertEachOnce(Map<String, Integer> counts, String folder, int expected,
      String what) {
    Map<String, Integer> under = under(counts, folder);
    assertEquals(expected, under.size(), what + ": " + under);
    under.forEach((path, count) -> assertEquals(1, count, what + ": " + path));
  }

  private static void assertEachAtMostOnce(Map<String, Integer> counts, String folder,
      String what) {
    Map<String, Integer> under = under(counts, folder);
    under.forEach((path, count) -> assertEquals(1, count, what + ": " + path));
  }

  private static Map<String, Integer> under(Map<String, Integer> counts, String folder) {
    Map<String, Integer> under = new TreeMap<>();
    counts.forEach((path, count) -> {
      if (path.startsWith(folder + "/")) {
        under.put(path, count);
      }
    });
    return under;
  }

  private static void run(Path input, Path output, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(List.of(CountingLocalFileSystem.GENERIC_OPTIONS));
    args.addAll(List.of("--input", input.toString(), "--output", output.toString(),
        "--model", SharedData.floatModel().toString(), "--pca-k", "4"));
    args.addAll(List.of(extra));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exit(), run.stderr());
  }
}
