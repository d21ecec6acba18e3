package io.fruits.pipeline.cli;

import io.fruits.pipeline.output.RunSummary;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.pca.PcaKeys;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import io.fruits.pipeline.testing.SharedData;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The covariance merge split over several reducers gives the PCA of a single reducer. */
class ReducerCountTest {

  @TempDir Path temp;

  @Test
  void threeReducersGiveTheSameComponentsAsOne() throws Exception {
    Path input = temp.resolve("in");
    SharedData.copyAsDataset(SharedData.fruits(3, 10), input);
    PcaModel one = run(input, 1);
    PcaModel three = run(input, 3);

    assertEquals(one.count(), three.count());
    assertEquals(one.k(), three.k());
    assertArrayEquals(one.mean(), three.mean(), 1e-9);
    double largest = one.eigenvalues()[0];
    assertArrayEquals(one.eigenvalues(), three.eigenvalues(), 1e-9 * largest);
    // Signs are fixed by the model, so components agree without a sign flip.
    for (int c = 0; c < one.k(); c++) {
      assertArrayEquals(one.components()[c], three.components()[c], 1e-6, "component " + c);
    }
  }

  private PcaModel run(Path input, int reducers) throws Exception {
    Path output = temp.resolve("out-" + reducers);
    int exit = Main.run(new String[] {"run",
        "-D", IngestKeys.SPLIT_SIZE.key() + "=40000",
        "-D", PcaKeys.REDUCERS.key() + "=" + reducers,
        "--input", input.toString(), "--output", output.toString(),
        "--model", SharedData.floatModel().toString(), "--pca-k", "8"});
    assertEquals(0, exit);
    try (var in = java.nio.file.Files.newInputStream(output.resolve("summary.json"))) {
      RunSummary summary = RunSummary.readJson(in);
      assertEquals(reducers, summary.covarianceReducers());
      assertTrue(summary.mapTasks() > 1, "map tasks: " + summary.mapTasks());
    }
    return PcaModelFile.load(new Configuration(),
        new org.apache.hadoop.fs.Path(output.resolve("pca/model.bin").toUri()));
  }
}
