package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.embed.EmbedKeys;
import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.CountingLocalFileSystem;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.ParquetWriteFailingFileSystem;
import io.fruits.pipeline.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose projection job fails after the embed job committed keeps only the committed
 * embeddings; {@code --resume} goes on from them without reading an image again and gives
 * exactly the output of an uninterrupted run. A resume is refused, keeping the embeddings, when
 * the input or the model changed.
 */
class ResumedRunTest {

  @TempDir static Path temp;
  private static Path input;
  private static Path clean;

  @BeforeAll
  static void cleanRun() throws Exception {
    input = temp.resolve("in");
    SharedData.copyAsDataset(SharedData.fruits(3, 6), input);
    clean = temp.resolve("clean");
    CliRun run = run(clean);
    assertEquals(0, run.exit(), run.stderr());
  }

  @Test
  void aRunResumedAfterItsProjectionFailedEqualsAnUninterruptedRun() throws Exception {
    Path output = temp.resolve("resumed");
    CliRun failed = run(output, ParquetWriteFailingFileSystem.GENERIC_OPTIONS);
    assertEquals(1, failed.exit(), failed.stderr());
    assertTrue(failed.stderr().contains("add --resume"), failed.stderr());
    assertEquals(List.of("_work"), names(output), "only the committed embeddings are left");
    assertFalse(Files.exists(output.resolve("_SUCCESS")));

    CliRun again = run(output);
    assertEquals(2, again.exit(), "a plain rerun is refused");
    assertTrue(again.stderr().contains("add --resume"), again.stderr());

    List<String> committed = committedFiles(output.resolve("_work/embed"));
    CountingLocalFileSystem.reset();
    CliRun resumed = run(output, with(CountingLocalFileSystem.GENERIC_OPTIONS, "--resume"));
    assertEquals(0, resumed.exit(), resumed.stderr());
    Map<String, Integer> opened = CountingLocalFileSystem.opened();
    List<String> imagesRead = opened.keySet().stream()
        .filter(path -> path.startsWith(input.toString()) && path.endsWith(".jpg")).toList();
    assertEquals(List.of(), imagesRead, "a resumed run embeds nothing again");
    // The counter saw the resumed run: it read the committed sums and embeddings instead.
    assertTrue(committed.stream().anyMatch(path -> path.contains("/embeddings/")), committed.toString());
    assertEquals(List.of(), committed.stream().filter(path -> !opened.containsKey(path)).toList(),
        "committed files the resumed run did not read; it read " + opened.keySet());
    assertSameOutput(clean, output);
  }

  @Test
  void aReplacementResumedAfterItFailedReplacesTheOldOutputOnlyThen() throws Exception {
    Path output = temp.resolve("replaced");
    Files.createDirectories(output.resolve("old-result"));
    Files.createFile(output.resolve("_SUCCESS"));
    CliRun failed = run(output, with(ParquetWriteFailingFileSystem.GENERIC_OPTIONS, "--overwrite"));
    assertEquals(1, failed.exit(), failed.stderr());
    assertTrue(Files.isDirectory(output.resolve("old-result")), "the old output is untouched");

    CliRun resumed = run(output, "--overwrite", "--resume");
    assertEquals(0, resumed.exit(), resumed.stderr());
    assertFalse(Files.exists(output.resolve("old-result")));
    assertFalse(Files.exists(temp.resolve(".replaced.replacing")));
    assertSameOutput(clean, output);
  }

  @Test
  void aResumeIsRefusedWhenTheInputOrTheModelChangedAndTheEmbeddingsStay() throws Exception {
    Path changedInput = temp.resolve("changing-in");
    SharedData.copyAsDataset(SharedData.fruits(3, 6), changedInput);
    Path output = temp.resolve("refused");
    CliRun failed = run(changedInput, output, SharedData.floatModel(),
        ParquetWriteFailingFileSystem.GENERIC_OPTIONS);
    assertEquals(1, failed.exit(), failed.stderr());

    CliRun otherModel = run(changedInput, output, SharedData.int8Model(), "--resume");
    assertEquals(2, otherModel.exit(), otherModel.stderr());
    assertTrue(otherModel.stderr().contains("different model"), otherModel.stderr());

    Path label = Files.list(changedInput).sorted().findFirst().orElseThrow();
    Files.copy(SharedData.fruits(4, 1).get(3), label.resolve("added.jpg"));
    CliRun changed = run(changedInput, output, SharedData.floatModel(), "--resume");
    assertEquals(2, changed.exit(), changed.stderr());
    assertTrue(changed.stderr().contains("the input changed since the interrupted run"
        + " (18 images to embed then, 19 now)"), changed.stderr());
    assertEquals(List.of("_work"), names(output), "the refused resume kept the embeddings");
    assertEquals(List.of("embed", "embedded.json", "to-embed.listing"),
        names(output.resolve("_work")), "and nothing of its own");

    CliRun nothing = run(changedInput, temp.resolve("absent"), SharedData.floatModel(),
        "--resume");
    assertEquals(2, nothing.exit());
    assertTrue(nothing.stderr().contains("holds no committed embeddings"), nothing.stderr());
  }

  private static void assertSameOutput(Path expectedOutput, Path actualOutput) throws Exception {
    ParquetRows.assertSameRows(expectedOutput, actualOutput, 3 * 6, 1e-6f);
    // Reducers merge the maps' sums in the order the maps finish, so two uninterrupted runs may
    // differ in the last bits of the sums; the PCA agrees to far below float precision.
    PcaModel expectedPca = pca(expectedOutput);
    PcaModel actualPca = pca(actualOutput);
    assertEquals(expectedPca.count(), actualPca.count());
    assertEquals(expectedPca.k(), actualPca.k());
    assertEquals(expectedPca.modelName(), actualPca.modelName());
    assertArrayEquals(expectedPca.mean(), actualPca.mean(), 1e-9);
    assertArrayEquals(expectedPca.eigenvalues(), actualPca.eigenvalues(),
        1e-9 * expectedPca.eigenvalues()[0]);
  }

  private static PcaModel pca(Path output) throws Exception {
    return PcaModelFile.load(new Configuration(),
        new org.apache.hadoop.fs.Path(output.resolve("pca/model.bin").toUri()));
  }

  private static CliRun run(Path output, String... extra) throws Exception {
    return run(input, output, SharedData.floatModel(), extra);
  }

  /** A run of 3 × 6 photos; generic options among {@code extra} go before the run options. */
  private static CliRun run(Path input, Path output, Path model, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("run"));
    List<String> tail = new ArrayList<>();
    for (int i = 0; i < extra.length; i++) {
      if (extra[i].equals("-D")) {
        args.add(extra[i]);
        args.add(extra[++i]);
      } else {
        tail.add(extra[i]);
      }
    }
    args.addAll(List.of(
        "-D", IngestKeys.SPLIT_SIZE.key() + "=20000", "-D", EmbedKeys.BATCH_SIZE.key() + "=4",
        "--input", input.toString(), "--output", output.toString(),
        "--model", model.toString(), "--pca-k", "5"));
    args.addAll(tail);
    return CliRun.of(args.toArray(String[]::new));
  }

  private static String[] with(String[] options, String... more) {
    return Stream.concat(Stream.of(options), Stream.of(more)).toArray(String[]::new);
  }

  /** The data files under {@code folder}, without checksums and markers, as absolute paths. */
  private static List<String> committedFiles(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().startsWith(".")
              && !file.getFileName().toString().startsWith("_"))
          .map(Path::toString).sorted().toList();
    }
  }

  private static List<String> names(Path folder) throws Exception {
    try (Stream<Path> children = Files.list(folder)) {
      return children.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith("."))
          .sorted().toList();
    }
  }
}
