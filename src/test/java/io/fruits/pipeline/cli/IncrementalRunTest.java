package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.testing.ReferenceProjection;
import io.fruits.pipeline.pca.PcaModel;
import io.fruits.pipeline.pca.PcaModelFile;
import io.fruits.pipeline.output.RunSummary;
import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental run over a changed folder gives what a full run over the same folder gives:
 * the same rows, labels, file facts and features, and the same PCA up to sign.
 */
class IncrementalRunTest {

  private static final int K = 5;
  private static final double PCA_TOLERANCE = 1e-6;

  @TempDir static Path temp;
  static Path data;
  static Path first;
  static Path incremental;
  static Path full;
  static Set<String> deleted = new HashSet<>();
  static String changed;
  static int added;
  /** The images the folder holds after the changes, the broken file aside: one row each. */
  static int rowsExpected;
  static int reusedExpected;
  static CliRun update;
  static Map<String, Group> firstRows;
  static Map<String, String> firstDigests;

  @BeforeAll
  static void runFirstThenIncrementalThenFull() throws Exception {
    List<Path> photos = SharedData.fruits(4, 9);
    data = temp.resolve("photos");
    SharedData.copyAsDataset(photos.subList(0, 27), data);
    Files.writeString(data.resolve(label(photos.get(0))).resolve("broken.jpg"), "not a photo");
    first = temp.resolve("first");
    assertEquals(0, CliRun.pipeline(data, first, SharedData.floatModel(), "--pca-k", "" + K).exit());
    firstRows = rowsByPath(first);
    firstDigests = digests(first);

    // New photos (a new class and one more of an old class), deleted ones, and one photo whose
    // file was replaced by other content.
    SharedData.copyAsDataset(photos.subList(27, 36), data);
    added = 9;
    for (int i : new int[] {1, 10, 19}) {
      Path gone = data.resolve(label(photos.get(i))).resolve(photos.get(i).getFileName());
      deleted.add(uri(gone));
      Files.delete(gone);
    }
    Path replaced = data.resolve(label(photos.get(5))).resolve(photos.get(5).getFileName());
    Files.copy(photos.get(20), replaced, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(replaced, FileTime.fromMillis(Files.getLastModifiedTime(replaced).toMillis() + 5_000));
    changed = uri(replaced);
    reusedExpected = 27 - deleted.size() - 1;
    rowsExpected = 27 - deleted.size() + added;

    incremental = temp.resolve("incremental");
    update = CliRun.pipeline(data, incremental, SharedData.floatModel(), "--pca-k", "" + K,
        "--incremental", "--previous", first.toString());
    assertEquals(0, update.exit(), update.stderr());
    full = temp.resolve("full");
    assertEquals(0, CliRun.pipeline(data, full, SharedData.floatModel(), "--pca-k", "" + K).exit());
  }

  @Test
  void rowsLabelsFileFactsAndFeaturesEqualAFullRun() throws Exception {
    Map<String, Group> expected = rowsByPath(full);
    Map<String, Group> actual = rowsByPath(incremental);
    assertEquals(expected.keySet(), actual.keySet());
    assertEquals(rowsExpected, actual.size());
    for (String path : expected.keySet()) {
      Group e = expected.get(path);
      Group a = actual.get(path);
      assertEquals(e.getString("label", 0), a.getString("label", 0), path);
      assertEquals(e.getLong("size", 0), a.getLong("size", 0), path);
      assertEquals(e.getLong("modified", 0), a.getLong("modified", 0), path);
      assertArrayEquals(ParquetRows.floats(e, "features"), ParquetRows.floats(a, "features"), path);
    }
    for (String gone : deleted) {
      assertTrue(firstRows.containsKey(gone));
      assertFalse(actual.containsKey(gone), gone);
    }
    // The replaced file was embedded again: its row holds the new content's features.
    assertFalse(java.util.Arrays.equals(ParquetRows.floats(firstRows.get(changed), "features"),
        ParquetRows.floats(actual.get(changed), "features")));
  }

  @Test
  void pcaEqualsAFullRunUpToSign() throws Exception {
    Configuration conf = new Configuration();
    PcaModel expected = PcaModelFile.load(conf, hadoopPath(full.resolve("pca/model.bin")));
    PcaModel actual = PcaModelFile.load(conf, hadoopPath(incremental.resolve("pca/model.bin")));
    assertEquals(expected.count(), actual.count());
    assertEquals(K, actual.k());
    double scale = expected.eigenvalues()[0];
    double[] meanE = expected.mean();
    double[] meanA = actual.mean();
    for (int j = 0; j < meanE.length; j++) {
      assertEquals(meanE[j], meanA[j], PCA_TOLERANCE * (1 + Math.abs(meanE[j])));
    }
    double[][] componentsE = expected.components();
    double[][] componentsA = actual.components();
    double[] signs = new double[K];
    for (int c = 0; c < K; c++) {
      assertEquals(expected.eigenvalues()[c], actual.eigenvalues()[c], PCA_TOLERANCE * scale);
      signs[c] = Math.signum(dot(componentsE[c], componentsA[c]));
      for (int j = 0; j < componentsE[c].length; j++) {
        assertEquals(componentsE[c][j], signs[c] * componentsA[c][j], PCA_TOLERANCE, "component " + c);
      }
    }
    // The projected values follow: each row's PCA features agree up to the same signs.
    Map<String, Group> expectedRows = rowsByPath(full);
    double largest = 0;
    for (Group row : expectedRows.values()) {
      for (float v : ParquetRows.floats(row, "pca")) {
        largest = Math.max(largest, Math.abs(v));
      }
    }
    Map<String, Group> actualRows = rowsByPath(incremental);
    assertEquals(rowsExpected, actualRows.size());
    for (Map.Entry<String, Group> row : actualRows.entrySet()) {
      float[] e = ParquetRows.floats(expectedRows.get(row.getKey()), "pca");
      float[] a = ParquetRows.floats(row.getValue(), "pca");
      for (int c = 0; c < K; c++) {
        assertEquals(e[c], signs[c] * a[c], PCA_TOLERANCE * largest, row.getKey());
      }
    }
  }

  @Test
  void summaryCountsReusedEmbeddedAndRemovedImages() throws Exception {
    RunSummary summary = summary(incremental);
    RunSummary.Incremental counts = summary.incremental();
    assertNotNull(counts);
    assertEquals(reusedExpected, counts.imagesReused());
    assertEquals(added + 1, counts.imagesEmbedded());
    // Deleted images and the old version of the replaced one.
    assertEquals(deleted.size() + 1, counts.imagesRemoved());
    assertEquals(first.toUri().getPath().replaceAll("/$", ""),
        new org.apache.hadoop.fs.Path(counts.previous()).toUri().getPath());
    // Every listed image is reused, embedded or rejected; the broken file is read again.
    assertEquals(summary(full).imagesListed(), summary.imagesListed());
    assertEquals(summary.imagesListed(), counts.imagesReused() + summary.imagesRead());
    assertEquals(1, summary.imagesRejected());
    assertTrue(update.stdout().contains("incremental: " + reusedExpected + " reused, " + (added + 1)
        + " embedded, " + (deleted.size() + 1) + " removed"), update.stdout());
    assertEquals(rejectedPaths(full), rejectedPaths(incremental));
    String report = Files.readString(incremental.resolve("report.html"));
    assertTrue(report.matches("(?s).*<td>reused from [^<]*first</td><td class=\"n\">"
        + reusedExpected + "</td>.*"), report);
    assertTrue(report.contains("<td>removed (deleted or changed since)</td><td class=\"n\">"
        + (deleted.size() + 1) + "</td>"), report);
    assertNull(summary(first).incremental());
  }

  @Test
  void thePreviousOutputIsLeftAsItWas() throws Exception {
    // Every file, hidden checksums included, byte for byte as the first run left it.
    assertTrue(firstDigests.containsKey("_SUCCESS"), firstDigests.keySet().toString());
    Map<String, String> now = digests(first);
    assertEquals(firstDigests.keySet(), now.keySet());
    firstDigests.forEach((file, digest) -> assertEquals(digest, now.get(file), file));
  }

  @Test
  void anIncrementalRunOfAnUnchangedFolderEmbedsNothing() throws Exception {
    Path again = temp.resolve("again");
    CliRun run = CliRun.pipeline(data, again, SharedData.floatModel(), "--pca-k", "" + K,
        "--incremental", "--previous", full.toString());
    assertEquals(0, run.exit(), run.stderr());
    RunSummary.Incremental counts = summary(again).incremental();
    // Only the broken file, which no run can embed, is read again.
    assertEquals(rowsExpected, counts.imagesReused());
    assertEquals(0, counts.imagesEmbedded());
    assertEquals(0, counts.imagesRemoved());
    Map<String, Group> expected = rowsByPath(full);
    Map<String, Group> actual = rowsByPath(again);
    assertEquals(expected.keySet(), actual.keySet());
    for (String path : expected.keySet()) {
      assertArrayEquals(ParquetRows.floats(expected.get(path), "pca"),
          ParquetRows.floats(actual.get(path), "pca"), 1e-5f, path);
    }
  }

  @Test
  void aGivenPcaModelProjectsWhileTheSumsAreStillUpdated() throws Exception {
    Path withModel = temp.resolve("with-model");
    Path model = first.resolve("pca/model.bin");
    CliRun run = CliRun.pipeline(data, withModel, SharedData.floatModel(), "--incremental",
        "--previous", first.toString(), "--pca-model", model.toString());
    assertEquals(0, run.exit(), run.stderr());
    Configuration conf = new Configuration();
    PcaModel firstPca = PcaModelFile.load(conf, hadoopPath(model));
    Map<String, Group> rows = rowsByPath(withModel);
    assertEquals(rowsExpected, rows.size());
    for (Group row : rows.values()) {
      assertArrayEquals(ReferenceProjection.of(firstPca, ParquetRows.floats(row, "features")),
          ParquetRows.floats(row, "pca"), 1e-5f);
    }
    // The saved sums are those of the final set of images, as in the full run.
    PcaModel refit = PcaModel.fit(
        io.fruits.pipeline.pca.CovarianceSumsFile.load(conf, hadoopPath(withModel.resolve("pca/sums.seq"))),
        new io.fruits.pipeline.pca.ComponentSelection.Count(K), "check");
    PcaModel fullPca = PcaModelFile.load(conf, hadoopPath(full.resolve("pca/model.bin")));
    assertEquals(fullPca.count(), refit.count());
    assertEquals(fullPca.eigenvalues()[0], refit.eigenvalues()[0], PCA_TOLERANCE * fullPca.eigenvalues()[0]);
  }

  @Test
  void wrongUseIsRefusedWithAClearMessage() throws Exception {
    assertRefused("--previous", CliRun.pipeline(data, temp.resolve("x1"), SharedData.floatModel(),
        "--incremental"));
    assertRefused("--incremental", CliRun.pipeline(data, temp.resolve("x2"), SharedData.floatModel(),
        "--previous", first.toString()));
    assertRefused("overlap", CliRun.pipeline(data, first, SharedData.floatModel(),
        "--incremental", "--previous", first.toString(), "--overwrite"));
    assertRefused("overlap", CliRun.pipeline(data, temp, SharedData.floatModel(),
        "--incremental", "--previous", first.toString(), "--overwrite"));
    assertRefused("overlap", CliRun.pipeline(data, first.resolve("next"), SharedData.floatModel(),
        "--incremental", "--previous", first.toString()));
    assertTrue(Files.exists(first.resolve("_SUCCESS")), "the refused run left the previous output alone");
    assertRefused("not a finished run", CliRun.pipeline(data, temp.resolve("x3"),
        SharedData.floatModel(), "--incremental", "--previous", temp.resolve("photos").toString()));

    Path older = temp.resolve("older");
    copyTree(first, older);
    Files.delete(older.resolve("pca/sums.seq"));
    assertRefused("no saved PCA sums", CliRun.pipeline(data, temp.resolve("x4"),
        SharedData.floatModel(), "--incremental", "--previous", older.toString()));

    Path otherModel = temp.resolve("other-model");
    copyTree(first, otherModel);
    Path summary = otherModel.resolve("summary.json");
    Files.writeString(summary, Files.readString(summary).replace(summary(first).modelId(), "resnet50/fp32/sha256:0"));
    Files.delete(otherModel.resolve(".summary.json.crc"));
    assertRefused("resnet50", CliRun.pipeline(data, temp.resolve("x5"), SharedData.floatModel(),
        "--incremental", "--previous", otherModel.toString()));
  }

  private static void assertRefused(String expected, CliRun run) {
    assertEquals(2, run.exit(), run.stderr());
    assertTrue(run.stderr().contains(expected), run.stderr());
    assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
  }

  private static Map<String, Group> rowsByPath(Path output) throws Exception {
    Map<String, Group> rows = new HashMap<>();
    for (Group row : ParquetRows.read(new Configuration(), hadoopPath(output.resolve("features")))) {
      assertTrue(rows.put(row.getString("path", 0), row) == null, "one row per image");
    }
    return rows;
  }

  private static Set<String> rejectedPaths(Path output) throws Exception {
    Set<String> paths = new HashSet<>();
    for (Group row : ParquetRows.read(new Configuration(), hadoopPath(output.resolve("rejects")))) {
      paths.add(row.getString("path", 0));
    }
    return paths;
  }

  private static RunSummary summary(Path output) throws Exception {
    try (InputStream in = Files.newInputStream(output.resolve("summary.json"))) {
      return RunSummary.readJson(in);
    }
  }

  /** The SHA-256 of every file under {@code folder}, by path relative to it. */
  private static Map<String, String> digests(Path folder) throws Exception {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        digests.put(folder.relativize(file).toString(), HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
      }
    }
    return digests;
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static String label(Path photo) {
    return photo.getParent().getFileName().toString();
  }

  /** The path as the pipeline records it. */
  private static String uri(Path file) {
    return new org.apache.hadoop.fs.Path(file.toUri()).toString();
  }

  private static org.apache.hadoop.fs.Path hadoopPath(Path path) {
    return new org.apache.hadoop.fs.Path(path.toUri());
  }
}
