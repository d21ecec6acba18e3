package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run does with very few images: documented in the README's "Small inputs". */
class SmallInputsTest {

  @TempDir Path temp;

  @Test
  void aSingleClassIsAnOrdinaryRun() throws Exception {
    Path input = temp.resolve("in");
    SharedData.copyAsDataset(SharedData.fruits(1, 5), input);
    Path output = temp.resolve("out");
    assertEquals(0, CliRun.pipeline(input, output, SharedData.floatModel(), "--pca-k", "4").exit());
    List<Group> rows = ParquetRows.read(new Configuration(),
        new org.apache.hadoop.fs.Path(output.resolve("features").toUri()));
    assertEquals(5, rows.size());
    for (Group row : rows) {
      assertEquals("Apple Braeburn", row.getString("label", 0));
      assertEquals(4, ParquetRows.floats(row, "pca").length);
    }
  }

  @Test
  void aSingleImageCannotMakeAPcaAndLeavesNoResult() throws Exception {
    Path input = temp.resolve("one");
    SharedData.copyAsDataset(SharedData.fruits(1, 1), input);
    Path output = temp.resolve("out-one");
    CliRun run = CliRun.pipeline(input, output, SharedData.floatModel());
    assertEquals(2, run.exit());
    String stderr = run.stderr();
    assertTrue(stderr.contains("PCA needs at least 2 embedded images, got 1"), stderr);
    assertEquals(List.of("_work"), names(output), "only the committed embedding, for --resume");
  }

  /** Refused after embedding: the embeddings stay, and --resume with a k that fits goes on. */

  @Test
  void moreComponentsThanImagesIsRefusedWithTheCountsAndCanBeResumedWithFewer() throws Exception {
    Path input = temp.resolve("few");
    SharedData.copyAsDataset(SharedData.fruits(2, 3), input);
    Path output = temp.resolve("out-few");
    CliRun run = CliRun.pipeline(input, output, SharedData.floatModel(), "--pca-k", "7");
    assertEquals(2, run.exit());
    String stderr = run.stderr();
    assertTrue(stderr.contains("cannot keep 7 principal components")
        && stderr.contains("number of embedded images, 6"), stderr);
    assertTrue(stderr.contains("add --resume"), stderr);
    assertEquals(List.of("_work"), names(output));

    CliRun resumed = CliRun.pipeline(input, output, SharedData.floatModel(), "--pca-k", "5",
        "--resume");
    assertEquals(0, resumed.exit(), resumed.stderr());
    assertTrue(resumed.stdout().contains("k=5"), resumed.stdout());
    assertTrue(Files.exists(output.resolve("_SUCCESS")));
  }

  private static List<String> names(Path folder) throws Exception {
    try (Stream<Path> children = Files.list(folder)) {
      return children.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
          .sorted().toList();
    }
  }
}
