package io.fruits.pipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.cli.Main;
import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code run} command on a bucket whose S3 API misbehaves, through {@link S3FaultProxy} in
 * front of S3Proxy. Two objects answer 403 (one denied, one archived); they must become
 * {@code UNREADABLE} rejects, not failed tasks. A second run meets {@code 503 SlowDown},
 * connection resets and downloads cut off halfway; with S3A's retries configured as a user would,
 * it must complete with exactly the rows of the first run.
 */
@Timeout(900)
class S3FaultsIT {

  private static final String BUCKET = "fruits-faults";
  private static final int CLASSES = 3;
  private static final int PER_CLASS = 10;
  private static final long SEED = 21;

  @TempDir static java.nio.file.Path temp;
  static S3ProxyProcess server;
  static S3FaultProxy steady;
  static S3FaultProxy throttling;
  static Configuration conf;
  static Path input = new Path("s3a://" + BUCKET + "/data/");
  static Path model = new Path("s3a://" + BUCKET + "/models/mobilenet_v2_1.0_224.onnx");
  static Path denied;
  static Path archived;
  static int photos;
  static Path steadyOutput = new Path("s3a://" + BUCKET + "/output/steady");
  static Path throttledOutput = new Path("s3a://" + BUCKET + "/output/throttled");
  static int steadyExit;
  static int throttledExit;

  @BeforeAll
  static void uploadAndRunTwice() throws Exception {
    server = S3ProxyProcess.start();
    conf = S3TestSettings.createBucket(server.endpoint(), BUCKET, temp, temp.resolve("direct-site.xml"));
    List<java.nio.file.Path> sample = SharedData.fruits(CLASSES, PER_CLASS);
    photos = sample.size();
    try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + BUCKET + "/"), conf)) {
      for (java.nio.file.Path photo : sample) {
        S3TestSettings.upload(fs, photo,
            new Path(input, photo.getParent().getFileName() + "/" + photo.getFileName()));
      }
      // Good JPEGs: only the 403 keeps them from being embedded.
      String label = sample.get(0).getParent().getFileName().toString();
      denied = new Path(input, label + "/denied.jpg");
      archived = new Path(input, label + "/archived.jpg");
      S3TestSettings.upload(fs, sample.get(0), denied);
      S3TestSettings.upload(fs, sample.get(1), archived);
      S3TestSettings.upload(fs, SharedData.floatModel(), model);
    }
    S3FaultProxy.Faults forbidden = S3FaultProxy.Faults.denying(
        Set.of(key(denied)), Set.of(key(archived)));
    steady = S3FaultProxy.start(server.endpoint(), forbidden);
    throttling = S3FaultProxy.start(server.endpoint(), forbidden.throttling(SEED, 0.12, 0.03, 0.20));
    steadyExit = run(steady, steadyOutput);
    throttledExit = run(throttling, throttledOutput);
    // Results are read directly from S3Proxy, not through a cached file system of either run.
    FileSystem.closeAll();
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {steady, throttling, server}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  void objectsAnswering403AreUnreadableRejectsNotFailedTasks() throws Exception {
    assertEquals(0, steadyExit, "S3Proxy log:\n" + server.log());
    Map<String, String> rejects = rejects(steadyOutput);
    assertEquals(Map.of(denied.toString(), "UNREADABLE", archived.toString(), "UNREADABLE"), rejects);
    assertEquals(photos, rows(steadyOutput).size());
    assertTrue(steady.counts().denials() >= 2, steady.counts().toString());
  }

  @Test
  void aThrottledAndResetRunWritesExactlyTheRowsOfASteadyRun() throws Exception {
    assertEquals(0, steadyExit);
    assertEquals(0, throttledExit, "S3Proxy log:\n" + server.log());
    S3FaultProxy.Counts injected = throttling.counts();
    assertTrue(injected.slowDowns() >= 20 && injected.resets() >= 3 && injected.cutDownloads() >= 2,
        "too few faults to mean anything: " + injected);
    Map<String, Row> steadyRows = rows(steadyOutput);
    Map<String, Row> throttledRows = rows(throttledOutput);
    assertEquals(CLASSES * PER_CLASS, steadyRows.size(), "the steady run embeds every photo");
    assertEquals(steadyRows.keySet(), throttledRows.keySet());
    for (Map.Entry<String, Row> row : steadyRows.entrySet()) {
      assertEquals(row.getValue(), throttledRows.get(row.getKey()), row.getKey());
    }
    assertEquals(rejects(steadyOutput), rejects(throttledOutput));
  }

  /** The fields compared between runs; float arrays by value. */
  private record Row(String label, float[] features) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Row row && label.equals(row.label) && Arrays.equals(features, row.features);
    }

    @Override
    public int hashCode() {
      return label.hashCode() * 31 + Arrays.hashCode(features);
    }

    @Override
    public String toString() {
      return label + " " + Arrays.toString(Arrays.copyOf(features, 4)) + "...";
    }
  }

  /**
   * The run through {@code proxy}, with S3A's retries set as a user would for a throttling store
   * (short waits only so the test stays fast): the SDK's own attempts, S3A's retries of
   * connection failures and of throttling.
   */
  private static int run(S3FaultProxy proxy, Path output) throws Exception {
    Configuration settings = S3TestSettings.s3a(EmrConfigurations.load(), proxy.endpoint(), temp);
    settings.setInt("fs.s3a.attempts.maximum", 5);
    settings.setInt("fs.s3a.retry.limit", 7);
    settings.set("fs.s3a.retry.interval", "100ms");
    settings.setInt("fs.s3a.retry.throttle.limit", 20);
    settings.set("fs.s3a.retry.throttle.interval", "100ms");
    java.nio.file.Path site = S3TestSettings.siteFile(settings, temp.resolve(output.getName() + "-site.xml"));
    // Hadoop caches file systems by bucket, not by endpoint: without this the second run would
    // reuse the first run's S3A client and never meet its proxy.
    FileSystem.closeAll();
    return Main.run(new String[] {"run", "-conf", site.toString(),
        "-D", IngestKeys.SPLIT_SIZE.key() + "=60000",
        "--input", input.toString(), "--output", output.toString(), "--model", model.toString(),
        "--pca-k", "3"});
  }

  private static Map<String, Row> rows(Path output) throws Exception {
    Map<String, Row> rows = new TreeMap<>();
    for (Group row : ParquetRows.read(conf, new Path(output, "features"))) {
      rows.put(row.getString("path", 0), new Row(row.getString("label", 0), ParquetRows.floats(row, "features")));
    }
    return rows;
  }

  private static Map<String, String> rejects(Path output) throws Exception {
    Map<String, String> rejects = new TreeMap<>();
    for (Group row : ParquetRows.read(conf, new Path(output, "rejects"))) {
      rejects.put(row.getString("path", 0), row.getString("reason", 0));
    }
    return rejects;
  }

  private static String key(Path object) {
    return object.toUri().getPath().substring(1);
  }
}
