package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every path option may hold characters that mean something to Hadoop, a URI or a shell: the run
 * works end to end with them, or is refused with exit 2 before anything is written.
 */
class SpecialPathsTest {

  /** Characters every path option takes. */
  private static final String WORKING = " []{}*?,;#%é果";
  /** What the output and the previous output may not hold, and the model not the comma. */
  private static final String REFUSED_IN_OUTPUTS = "[]{}*?,;";

  @TempDir static Path temp;
  static Path folder;
  static Path input;
  static Path model;
  static Path first;

  @BeforeAll
  static void aFullRunFromPathsWithEveryCharacter() throws Exception {
    folder = Files.createDirectories(temp.resolve("a" + WORKING.replace(",", "") + "b"));
    input = folder.resolve("in " + WORKING);
    SharedData.copyAsDataset(SharedData.fruits(2, 3), input);
    model = Files.copy(SharedData.floatModel(), folder.resolve("model #%é果.onnx"));
    first = temp.resolve("out #%é果 1");
    CliRun run = CliRun.pipeline(input, first, model, "--pca-k", "2");
    assertEquals(0, run.exit(), run.stderr());
  }

  @Test
  void inputAndModelWithSuchCharactersWork() throws Exception {
    assertTrue(Files.exists(first.resolve("_SUCCESS")));
    assertTrue(Files.readString(first.resolve("summary.json")).contains("\"imagesEmbedded\" : 6"));
  }

  @Test
  void anUpdateWithSuchAPreviousOutputAndPcaModelWorks() throws Exception {
    Path pcaModel = Files.copy(first.resolve("pca/model.bin"), folder.resolve("pca " + WORKING));
    CliRun update = CliRun.pipeline(input, temp.resolve("out #%é果 2"), model, "--incremental",
        "--previous", first.toString(), "--pca-model", pcaModel.toString());
    assertEquals(0, update.exit(), update.stderr());
    assertTrue(update.stdout().contains("incremental: 6 reused, 0 embedded, 0 removed"),
        update.stdout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[", "]", "{", "}", "*", "?", ",", ";"})
  void anOutputOrPreviousOutputWithAPatternOrListCharacterIsRefusedUpFront(String c)
      throws Exception {
    assertTrue(REFUSED_IN_OUTPUTS.contains(c));
    Path output = temp.resolve("out" + c + "x");
    assertRefused(CliRun.pipeline(input, output, model), "--output", c);
    assertFalse(Files.exists(output));
    assertRefused(CliRun.pipeline(input, temp.resolve("plain"), model, "--incremental",
        "--previous", temp.resolve("prev" + c).toString()), "--previous", c);
  }

  @Test
  void aModelWithACommaIsRefusedUpFront() throws Exception {
    Path comma = Files.copy(SharedData.floatModel(), folder.resolve("model,1.onnx"));
    assertRefused(CliRun.pipeline(input, temp.resolve("plain"), comma), "--model", ",");
  }

  private static void assertRefused(CliRun run, String option, String c) {
    assertEquals(2, run.exit(), run.stderr());
    assertTrue(run.stderr().contains(option) && run.stderr().contains("contains '" + c + "'"),
        run.stderr());
    assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
  }
}
