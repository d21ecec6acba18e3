package io.fruits.pipeline.deploy;

import io.fruits.pipeline.output.RunSummary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fruits.pipeline.cli.Main;
import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.s3a.S3AEncryptionMethods;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code run} command with images, model and output all on an S3 API, through S3A: S3Proxy
 * on 127.0.0.1 (in its own JVM, see {@link S3ProxyProcess}), path-style requests, the local
 * runner with a local {@code fs.defaultFS}, and only {@code s3a://} URIs on the command line. The
 * S3A settings are conf/emr/configurations.json's core-site and mapred-site (committer,
 * encryption, …) plus the fake server's endpoint and test credentials, passed the way a user
 * would: a {@code -conf} file. It checks what S3 adds to the local tests: listing and reading
 * images from a bucket, the model shipped to tasks through the distributed cache from
 * {@code s3a://}, Parquet written through the configured S3A committer (its {@code _SUCCESS}
 * manifest names it and lists the files), rejects committed too, nothing left pending, and every
 * write asking for the configured server-side encryption (S3A talks to S3Proxy through a
 * {@link S3FaultProxy} without faults, which records the writes' headers).
 */
@Timeout(600)
class S3PipelineIT {

  private static final String BUCKET = "fruits-it";
  private static final String CLASS_DIR_PREFIX = "data/";
  private static final int CLASSES = 2;
  private static final int PER_CLASS = 3;

  @TempDir static java.nio.file.Path temp;
  static S3ProxyProcess server;
  static S3FaultProxy recorder;
  static List<S3FaultProxy.Write> writesOfTheRun;
  static EmrConfigurations emr;
  static Configuration conf;
  static java.nio.file.Path siteFile;
  static Map<String, String> expectedLabels = new HashMap<>();
  static Path input = new Path("s3a://" + BUCKET + "/" + CLASS_DIR_PREFIX);
  static Path model = new Path("s3a://" + BUCKET + "/models/mobilenet_v2_1.0_224.onnx");
  static Path output = new Path("s3a://" + BUCKET + "/output/run1");
  static Path broken;
  static int exit;

  @BeforeAll
  static void uploadAndRun() throws Exception {
    server = S3ProxyProcess.start();
    recorder = S3FaultProxy.start(server.endpoint(), S3FaultProxy.Faults.none());
    emr = EmrConfigurations.load();
    siteFile = temp.resolve("s3-site.xml");
    conf = S3TestSettings.createBucket(recorder.endpoint(), BUCKET, temp, siteFile);
    try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + BUCKET + "/"), conf)) {
      for (java.nio.file.Path photo : SharedData.fruits(CLASSES, PER_CLASS)) {
        String label = photo.getParent().getFileName().toString();
        Path target = new Path(input, label + "/" + photo.getFileName());
        S3TestSettings.upload(fs, photo, target);
        expectedLabels.put(target.toString(), label);
      }
      broken = new Path(input, expectedLabels.values().iterator().next() + "/broken.jpg");
      try (OutputStream out = fs.create(broken)) {
        out.write("this is not a JPEG".getBytes(StandardCharsets.US_ASCII));
      }
      S3TestSettings.upload(fs, SharedData.floatModel(), model);
    }
    exit = Main.run(new String[] {"run", "-conf", siteFile.toString(),
        "-D", IngestKeys.SPLIT_SIZE.key() + "=40000",
        "--input", input.toString(), "--output", output.toString(), "--model", model.toString(),
        "--pca-k", "3"});
    writesOfTheRun = recorder.writes();
  }

  @AfterAll
  static void stop() throws Exception {
    if (conf != null) {
      FileSystem.get(URI.create("s3a://" + BUCKET + "/"), conf).close();
    }
    if (recorder != null) {
      recorder.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void featuresAreReadBackFromTheBucket() throws Exception {
    assertEquals(0, exit, "exit code; S3Proxy log:\n" + server.log());
    List<Group> rows = ParquetRows.read(conf, new Path(output, "features"));
    Map<String, String> seen = new HashMap<>();
    for (Group row : rows) {
      String path = row.getString("path", 0);
      assertTrue(path.startsWith(input.toString()), path + " should be listed under " + input);
      assertTrue(seen.put(path, row.getString("label", 0)) == null, "duplicate row for " + path);
      float[] features = ParquetRows.floats(row, "features");
      assertEquals(1280, features.length);
      for (float v : features) {
        assertTrue(Float.isFinite(v), "non-finite feature in " + path);
      }
      assertEquals(3, ParquetRows.floats(row, "pca").length);
    }
    assertEquals(expectedLabels, seen);
  }

  @Test
  void rejectsAndSummaryAreWrittenToTheBucket() throws Exception {
    assertEquals(0, exit);
    List<Group> rejects = ParquetRows.read(conf, new Path(output, "rejects"));
    assertEquals(1, rejects.size(), "one reject row, for " + broken);
    assertEquals(broken.toString(), rejects.get(0).getString("path", 0));
    assertEquals("NOT_AN_IMAGE", rejects.get(0).getString("reason", 0));

    FileSystem fs = output.getFileSystem(conf);
    RunSummary summary;
    try (InputStream in = fs.open(new Path(output, "summary.json"))) {
      summary = RunSummary.readJson(in);
    }
    assertEquals(CLASSES * PER_CLASS + 1, summary.imagesRead());
    assertEquals(CLASSES * PER_CLASS, summary.imagesEmbedded());
    assertEquals(1, summary.imagesRejected());
    assertEquals(model.toString(), summary.model());
    assertTrue(summary.mapTasks() > 1, "a small split size should give several map tasks");
    assertTrue(fs.exists(new Path(output, "_SUCCESS")));
    assertFalse(fs.exists(new Path(output, "_work")), "intermediate data must be removed");
  }

  @Test
  void theConfiguredS3aCommitterCommittedTheOutputAndLeftNothingPending() throws Exception {
    assertEquals(0, exit);
    String committer = emr.get("core-site").get("fs.s3a.committer.name");
    FileSystem fs = output.getFileSystem(conf);
    Path features = new Path(output, "features");
    JsonNode manifest;
    try (InputStream in = fs.open(new Path(features, "_SUCCESS"))) {
      manifest = new ObjectMapper().readTree(in);
    }
    assertEquals(committer, manifest.path("committer").asText(),
        "features/_SUCCESS should be the manifest of the " + committer + " committer: " + manifest);
    // The tasks also commit the report's sample and the images' listing beside the rows; the
    // driver reads and deletes the first and moves the second to images/.
    List<String> committed = new ArrayList<>();
    manifest.path("filenames").forEach(name -> {
      if (name.asText().endsWith(".parquet")) {
        committed.add(name.asText());
      }
    });
    List<Path> parts = ParquetRows.files(conf, features);
    // The small split size gives several embed tasks, so several projection tasks and parts.
    assertTrue(parts.size() > 1, "Parquet parts: " + parts);
    assertEquals(parts.size(), fs.listStatus(new Path(output, "images")).length,
        "one listing of images per projection task");
    assertEquals(parts.size(), committed.size(), "committed " + committed + ", listed " + parts);
    for (Path part : parts) {
      assertTrue(committed.stream().anyMatch(name -> name.endsWith("/features/" + part.getName())),
          part + " is not among the committed files " + committed);
    }
    List<String> leftovers = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(new Path("s3a://" + BUCKET + "/"), true);
    while (files.hasNext()) {
      String path = files.next().getPath().toString();
      if (path.contains("__magic") || path.contains("_temporary") || path.endsWith(".pending")) {
        leftovers.add(path);
      }
    }
    assertEquals(List.of(), leftovers, "commit leftovers in the bucket");
    try (S3Client s3 = S3TestSettings.client(server.endpoint())) {
      assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads(),
          "multipart uploads left pending");
    }
  }

  @Test
  void anIncrementalRunOnTheBucketEmbedsOnlyTheNewPhoto() throws Exception {
    assertEquals(0, exit);
    Map<String, String> labels = new HashMap<>(expectedLabels);
    String gone = labels.keySet().iterator().next();
    java.nio.file.Path newPhoto = SharedData.fruits(CLASSES + 1, 1).get(CLASSES);
    String newLabel = newPhoto.getParent().getFileName().toString();
    Path added = new Path(input, newLabel + "/" + newPhoto.getFileName());
    try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + BUCKET + "/"), conf)) {
      S3TestSettings.upload(fs, newPhoto, added);
      assertTrue(fs.delete(new Path(gone), false));
    }
    labels.remove(gone);
    labels.put(added.toString(), newLabel);
    Path update = new Path("s3a://" + BUCKET + "/output/run2");
    assertEquals(0, Main.run(new String[] {"run", "-conf", siteFile.toString(),
        "--input", input.toString(), "--output", update.toString(), "--model", model.toString(),
        "--pca-k", "3", "--incremental", "--previous", output.toString()}));

    Map<String, String> seen = new HashMap<>();
    for (Group row : ParquetRows.read(conf, new Path(update, "features"))) {
      seen.put(row.getString("path", 0), row.getString("label", 0));
    }
    assertEquals(labels, seen);
    RunSummary summary;
    try (InputStream in = update.getFileSystem(conf).open(new Path(update, "summary.json"))) {
      summary = RunSummary.readJson(in);
    }
    // S3 listings give the same paths, sizes and times as before: all other photos are reused.
    assertEquals(CLASSES * PER_CLASS - 1, summary.incremental().imagesReused());
    assertEquals(1, summary.incremental().imagesEmbedded());
    assertEquals(1, summary.incremental().imagesRemoved());
    assertEquals(1, summary.imagesRejected(), "the broken file is read again");
  }

  /**
   * S3Proxy stores no encryption, so what S3A makes of EMR's setting is checked twice: the
   * algorithm it parsed (an unknown one or a misspelt key would fail here, not on the cluster),
   * and the header of every upload and copy of the set-up and the run, and of every multipart
   * upload started (the magic committer's task output), as they passed the recording proxy.
   */
  @Test
  void writesAskForTheConfiguredServerSideEncryption() throws Exception {
    assertEquals(0, exit);
    S3AFileSystem fs = (S3AFileSystem) output.getFileSystem(conf);
    String configured = emr.get("core-site").get("fs.s3a.encryption.algorithm");
    assertEquals(configured, fs.getS3EncryptionAlgorithm().getMethod());
    assertEquals(S3AEncryptionMethods.SSE_S3, fs.getS3EncryptionAlgorithm());

    List<String> uploadsStarted = writesOfTheRun.stream().filter(S3FaultProxy.Write::startsUpload)
        .map(S3FaultProxy.Write::requestLine).toList();
    int parts = ParquetRows.files(conf, new Path(output, "features")).size();
    assertTrue(uploadsStarted.size() > parts,
        "a multipart upload for each of the " + parts + " Parquet parts and for the rejects: " + uploadsStarted);
    // The photos, the broken file and the model uploaded by the set-up at least.
    assertTrue(writesOfTheRun.size() - uploadsStarted.size() >= CLASSES * PER_CLASS + 2,
        "plain uploads: " + writesOfTheRun);
    List<S3FaultProxy.Write> unencrypted = writesOfTheRun.stream()
        .filter(write -> !configured.equals(write.encryption())).toList();
    assertEquals(List.of(), unencrypted, "writes without x-amz-server-side-encryption: " + configured);
  }

  @Test
  void anExistingS3OutputIsRefused() throws Exception {
    assertEquals(0, exit);
    int again = Main.run(new String[] {"run", "-conf", siteFile.toString(),
        "--input", input.toString(), "--output", output.toString(), "--model", model.toString()});
    assertEquals(2, again);
    assertTrue(output.getFileSystem(conf).exists(new Path(output, "_SUCCESS")),
        "a refused run must leave the earlier output alone");
  }

  /**
   * A run that fails after its embed job (here a --pca-k above the number of images, refused when
   * the PCA is fitted) aborts the multipart uploads pending under its folder, as a task killed
   * while uploading leaves them, and only those; it keeps the committed embeddings for --resume.
   */
  @Test
  void aFailedRunAbortsTheUploadsPendingUnderItsFolderAndNoOthers() throws Exception {
    Path failed = new Path("s3a://" + BUCKET + "/output/failed");
    String mine = "output/failed/features/part-m-00007.parquet";
    String other = "output/other/part-m-00000.parquet";
    try (S3Client s3 = S3TestSettings.client(server.endpoint())) {
      for (String key : List.of(mine, other)) {
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1),
            RequestBody.fromString("half-written task output"));
      }
      int code = Main.run(new String[] {"run", "-conf", siteFile.toString(),
          "--input", input.toString(), "--output", failed.toString(), "--model", model.toString(),
          "--pca-k", "1000"});
      assertEquals(2, code);
      List<String> pending = s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream()
          .map(upload -> upload.key()).toList();
      assertEquals(List.of(other), pending, "only the upload outside the run's folder is left");
      assertTrue(failed.getFileSystem(conf).exists(new Path(failed, "_work/embedded.json")),
          "the committed embeddings are kept for --resume");
      for (var upload : s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()) {
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(upload.key()).uploadId(upload.uploadId()));
      }
    }
  }
}
