package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.pca.CovarianceAccumulator;
import io.fruits.pipeline.pca.CovarianceSumsFile;
import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental run refuses a previous output that is not whole, naming what is wrong, instead
 * of computing a PCA that silently differs from a full run's.
 */
class TamperedPreviousOutputTest {

  @TempDir static Path shared;
  static Path input;
  static Path finished;
  @TempDir Path temp;
  Path previous;

  @BeforeAll
  static void aFinishedRunWithSeveralParquetFiles() throws Exception {
    input = shared.resolve("in");
    SharedData.copyAsDataset(SharedData.fruits(3, 4), input);
    finished = shared.resolve("finished");
    CliRun run = CliRun.of("run", "-D", "fruits.ingest.split-size=20000",
        "--input", input.toString(), "--output", finished.toString(),
        "--model", SharedData.floatModel().toString(), "--pca-k", "3");
    assertEquals(0, run.exit(), run.stderr());
  }

  @BeforeEach
  void aCopyToTamperWith() throws Exception {
    previous = temp.resolve("previous");
    try (Stream<Path> files = Files.walk(finished)) {
      for (Path file : files.toList()) {
        Files.copy(file, previous.resolve(finished.relativize(file).toString()),
            StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    assertTrue(parts().size() > 1, "several part files: " + parts());
  }

  @Test
  void anIntactOutputIsUpdated() throws Exception {
    assertEquals(0, update().exit());
  }

  @Test
  void aMissingParquetFileIsNamed() throws Exception {
    Path gone = parts().get(1);
    Files.delete(gone);
    assertRefused(update(), gone.getFileName() + " is missing");
  }

  @Test
  void aReplacedParquetFileIsNamed() throws Exception {
    Files.copy(parts().get(0), parts().get(1), StandardCopyOption.REPLACE_EXISTING);
    assertRefused(update(), parts().get(1).getFileName() + " has ");
  }

  @Test
  void anExtraParquetFileIsNamed() throws Exception {
    Files.copy(parts().get(0), previous.resolve("features/part-m-00099.parquet"));
    assertRefused(update(), "part-m-00099.parquet");
  }

  @Test
  void sumsThatDoNotCountTheRowsAreRefused() throws Exception {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path sums =
        new org.apache.hadoop.fs.Path(previous.resolve("pca/sums.seq").toUri());
    Files.delete(previous.resolve("pca/sums.seq"));
    try (CovarianceAccumulator fewer = new CovarianceAccumulator(1280)) {
      fewer.addRows(new float[2 * 1280], 2);
      CovarianceSumsFile.save(conf, fewer.sums(), sums);
    }
    assertRefused(update(), "count 2 rows, its summary 12");
  }

  @Test
  void aListingThatDoesNotHoldEveryRowIsRefused() throws Exception {
    try (Stream<Path> files = Files.list(previous.resolve("images"))) {
      Files.delete(files.filter(f -> f.getFileName().toString().startsWith("part-"))
          .findFirst().orElseThrow());
    }
    assertRefused(update(), "images for 12 rows");
  }

  private CliRun update() throws Exception {
    return CliRun.pipeline(input, temp.resolve("update"), SharedData.floatModel(),
        "--incremental", "--previous", previous.toString());
  }

  private List<Path> parts() throws Exception {
    try (Stream<Path> files = Files.list(previous.resolve("features"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }

  private void assertRefused(CliRun run, String expected) {
    assertEquals(2, run.exit(), run.stderr());
    assertTrue(run.stderr().contains(expected), run.stderr());
    assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
    assertFalse(Files.exists(temp.resolve("update")), "nothing written");
  }
}
