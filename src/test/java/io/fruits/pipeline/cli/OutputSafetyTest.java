package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.FailingLocalFileSystem;
import io.fruits.pipeline.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run may delete its output folder, so the output can never be what it reads, and an output
 * that --overwrite replaces survives a failed replacement.
 */
class OutputSafetyTest {

  @TempDir static Path temp;
  static Path data, photos, good;

  /** Photos in {@code data/photos}, and a finished run over them in {@code good}. */
  @BeforeAll
  static void aGoodRun() throws Exception {
    data = temp.resolve("data");
    good = temp.resolve("good");
    photos = data.resolve("photos");
    SharedData.copyAsDataset(SharedData.fruits(2, 4), photos);
    CliRun run = CliRun.pipeline(photos, good, SharedData.floatModel(), "--pca-k", "3");
    assertEquals(0, run.exit(), run.stderr());
  }

  @Test
  void anOutputAroundOrInsideTheInputIsRefusedBeforeAnythingIsDeleted() throws Exception {
    long before = count(photos);
    for (Path output : List.of(data, photos, photos.resolve("Apple Braeburn"), photos.resolve("new"))) {
      CliRun run = CliRun.pipeline(photos, output, SharedData.floatModel(), "--overwrite");
      assertRefused(run, "and --input");
      assertEquals(before, count(photos), "the input is whole after --output " + output);
    }
  }

  @Test
  void anOutputAroundTheModelThePcaModelOrThePreviousOutputIsRefused() throws Exception {
    Path models = Files.createDirectories(temp.resolve("models"));
    Path model = Files.copy(SharedData.floatModel(), models.resolve("model.onnx"));
    assertRefused(CliRun.pipeline(photos, models, model, "--overwrite"), "and --model");
    assertTrue(Files.exists(model));
    assertRefused(CliRun.pipeline(photos, good.resolve("pca"), SharedData.floatModel(),
        "--overwrite", "--pca-model", good.resolve("pca/model.bin").toString()), "and --pca-model");
    assertRefused(CliRun.pipeline(photos, good, SharedData.floatModel(), "--overwrite",
        "--incremental", "--previous", good.toString()), "and --previous");
    assertTrue(Files.exists(good.resolve("_SUCCESS")), "the previous output is whole");
  }

  @Test
  void aFailedReplacementLeavesTheLastGoodOutputAndASuccessfulOneReplacesIt() throws Exception {
    Path output = temp.resolve("replaced");
    assertEquals(0, CliRun.pipeline(photos, output, SharedData.floatModel(), "--pca-k", "3").exit());
    byte[] summary = Files.readAllBytes(output.resolve("summary.json"));
    Path broken = temp.resolve("broken");
    SharedData.copyAsDataset(SharedData.fruits(2, 4), broken);
    Files.copy(SharedData.fruits(1, 1).get(0),
        broken.resolve("Apple Braeburn").resolve(FailingLocalFileSystem.MARKER + ".jpg"));

    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(List.of(FailingLocalFileSystem.GENERIC_OPTIONS));
    args.addAll(List.of("--input", broken.toString(), "--output", output.toString(),
        "--model", SharedData.floatModel().toString(), "--pca-k", "3", "--overwrite"));
    assertEquals(1, CliRun.of(args.toArray(String[]::new)).exit());
    assertTrue(Files.exists(output.resolve("_SUCCESS")), "the last good output is still there");
    assertEquals(new String(summary), Files.readString(output.resolve("summary.json")));
    assertFalse(Files.exists(temp.resolve(".replaced.replacing")), "the failed attempt is gone");

    CliRun again = CliRun.pipeline(photos, output, SharedData.floatModel(), "--pca-k", "2",
        "--overwrite");
    assertEquals(0, again.exit(), again.stderr());
    assertTrue(Files.readString(output.resolve("summary.json")).contains("\"pcaComponents\" : 2"));
    assertFalse(Files.exists(temp.resolve(".replaced.replacing")));
  }

  private static void assertRefused(CliRun run, String expected) {
    assertEquals(2, run.exit(), run.stderr());
    assertTrue(run.stderr().contains(expected), run.stderr());
    assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
  }

  private static long count(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.count();
    }
  }
}
