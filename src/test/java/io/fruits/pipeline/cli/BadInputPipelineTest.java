package io.fruits.pipeline.cli;

import io.fruits.pipeline.output.RunSummary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.testing.BadInputCorpus;
import io.fruits.pipeline.testing.DenyingLocalFileSystem;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command over a folder of broken, odd and valid files: every listed file ends up
 * exactly once either in the features or in the rejects with the expected reason.
 */
class BadInputPipelineTest {

  @TempDir Path temp;

  @Test
  void everyFileIsEmbeddedOrRejectedWithItsReasonAndNoneTwice() throws Exception {
    Path input = temp.resolve("photos");
    Map<String, BadInputCorpus.Expected> expected = new TreeMap<>(BadInputCorpus.write(input));
    // Real photos too, so the PCA has more than a handful of images to work with.
    SharedData.copyAsDataset(SharedData.fruits(2, 5), input);
    for (Path photo : SharedData.fruits(2, 5)) {
      String label = photo.getParent().getFileName().toString();
      expected.put(label + "/" + photo.getFileName(), new BadInputCorpus.Expected(true, null, label));
    }
    // A folder the listing may not read: reported, its photo neither embedded nor rejected.
    Path locked = Files.createDirectories(input.resolve("Kiwi " + BadInputCorpus.UNREADABLE_MARKER));
    Files.copy(SharedData.fruits(1, 1).get(0), locked.resolve("hidden.jpg"));
    Path output = temp.resolve("out");
    Configuration conf = new Configuration();
    DenyingLocalFileSystem.install(conf);

    int exit = Main.run(new String[] {"run",
        "-D", "fs.file.impl=" + conf.get("fs.file.impl"),
        "-D", "fs.file.impl.disable.cache=true",
        "--input", input.toString(), "--output", output.toString(),
        "--model", SharedData.floatModel().toString(), "--pca-k", "3"});
    assertEquals(0, exit);

    Map<String, String> embedded = new HashMap<>();
    for (Group row : ParquetRows.read(conf, hadoopPath(output.resolve("features")))) {
      String relative = relative(input, row.getString("path", 0));
      assertEquals(null, embedded.put(relative, row.getString("label", 0)), "twice: " + relative);
    }
    Map<String, String> rejected = new HashMap<>();
    for (Group row : ParquetRows.read(conf, hadoopPath(output.resolve("rejects")))) {
      String relative = relative(input, row.getString("path", 0));
      assertEquals(null, rejected.put(relative, row.getString("reason", 0)), "twice: " + relative);
      assertTrue(!row.getString("detail", 0).isBlank(), "a reject says why: " + relative);
    }

    assertEquals(expected.size(), embedded.size() + rejected.size(), "accepted + rejected = listed");
    expected.forEach((file, outcome) -> {
      if (outcome.embedded()) {
        assertEquals(outcome.label(), embedded.get(file), "embedded with its label: " + file);
      } else {
        assertEquals(outcome.reason().name(), rejected.get(file), "rejected: " + file);
      }
    });

    try (InputStream in = Files.newInputStream(output.resolve("summary.json"))) {
      RunSummary summary = RunSummary.readJson(in);
      assertEquals(expected.size(), summary.imagesListed());
      assertEquals(expected.size(), summary.imagesRead());
      assertEquals(embedded.size(), summary.imagesEmbedded());
      assertEquals(rejected.size(), summary.imagesRejected());
      Map<String, Long> byReason = new TreeMap<>();
      rejected.values().forEach(reason -> byReason.merge(reason, 1L, Long::sum));
      assertEquals(byReason, new TreeMap<>(summary.rejectedByReason()));
      assertEquals(1, summary.unreadableFolders().size(), summary.unreadableFolders().toString());
      assertTrue(summary.unreadableFolders().get(0).endsWith(locked.getFileName().toString()),
          summary.unreadableFolders().get(0));
    }
  }

  private static org.apache.hadoop.fs.Path hadoopPath(Path path) {
    return new org.apache.hadoop.fs.Path(path.toUri());
  }

  private static String relative(Path root, String listedPath) {
    Path file = Path.of(new org.apache.hadoop.fs.Path(listedPath).toUri().getPath());
    return root.toAbsolutePath().relativize(file).toString().replace('\\', '/');
  }
}
