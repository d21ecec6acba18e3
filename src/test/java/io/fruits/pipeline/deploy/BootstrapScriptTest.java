package io.fruits.pipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bootstrap/bootstrap-emr.sh with fake {@code aws} and {@code sudo}: it stages each object under
 * the destination with the object's size and Last-Modified time (identical on every node, as
 * YARN's distributed cache requires of file:// resources), does nothing the second time, and
 * fails the cluster start when an object cannot be read.
 */
class BootstrapScriptTest {

  private static final String MODEL = "s3://bucket/fruits/models/mobilenet_v2_1.0_224.onnx";
  private static final String LOG4J = "s3://bucket/fruits/conf/log4j.properties";

  @TempDir Path temp;
  private FakeAws aws;
  private Path dest;

  @BeforeEach
  void fakes() throws Exception {
    aws = new FakeAws(temp);
    dest = temp.resolve("mnt/fruits");
  }

  @Test
  void stagesEachObjectWithItsSizeAndTimeAndIsIdempotent() throws Exception {
    FakeAws.Result first = aws.run(ProjectFiles.bootstrap(), Map.of(), "--dest", dest.toString(), MODEL, LOG4J);
    assertEquals(0, first.exit(), first.stderr());
    long modified = OffsetDateTime.parse(FakeAws.OBJECT_MODIFIED).toEpochSecond() * 1000;
    for (String name : List.of("mobilenet_v2_1.0_224.onnx", "log4j.properties")) {
      Path staged = dest.resolve(name);
      assertEquals(FakeAws.OBJECT_CONTENT, Files.readString(staged));
      assertEquals(modified, Files.getLastModifiedTime(staged).toMillis(), name + " mtime");
      assertTrue(Files.isReadable(staged));
    }
    assertEquals(2, copies(aws.takeCalls()));
    assertTrue(first.stderr().contains("copying " + MODEL), first.stderr());

    FakeAws.Result second = aws.run(ProjectFiles.bootstrap(), Map.of(), "--dest", dest.toString(), MODEL, LOG4J);
    assertEquals(0, second.exit(), second.stderr());
    assertEquals(0, copies(aws.takeCalls()), "nothing to copy the second time: " + second.stderr());
    assertTrue(second.stderr().contains("already staged"), second.stderr());
  }

  @Test
  void aChangedObjectIsCopiedAgain() throws Exception {
    assertEquals(0, aws.run(ProjectFiles.bootstrap(), Map.of(), "--dest", dest.toString(), MODEL).exit());
    aws.takeCalls();
    FakeAws.Result again = aws.run(ProjectFiles.bootstrap(), Map.of("FAKE_MODIFIED", "2025-02-03T04:05:06+00:00"),
        "--dest", dest.toString(), MODEL);
    assertEquals(0, again.exit(), again.stderr());
    assertEquals(1, copies(aws.takeCalls()));
  }

  @Test
  void anUnreadableObjectFailsTheBootstrapLoudly() throws Exception {
    FakeAws.Result result = aws.run(ProjectFiles.bootstrap(), Map.of(), "--dest", dest.toString(),
        MODEL, "s3://bucket/fruits/models/missing.onnx");
    assertNotEquals(0, result.exit());
    assertTrue(result.stderr().contains("FAILED: cannot read s3://bucket/fruits/models/missing.onnx"), result.stderr());
    assertFalse(Files.exists(dest.resolve("missing.onnx")));
  }

  @Test
  void argumentsOtherThanS3ObjectsAreRefused() throws Exception {
    for (List<String> args : List.of(List.<String>of(), List.of("/local/file"), List.of("s3://bucket/folder/"))) {
      FakeAws.Result result = aws.run(ProjectFiles.bootstrap(), Map.of(), args.toArray(String[]::new));
      assertNotEquals(0, result.exit(), "accepted " + args);
      assertTrue(result.stderr().contains("FAILED"), result.stderr());
    }
    assertEquals(0, copies(aws.takeCalls()));
  }

  private static long copies(List<List<String>> calls) {
    return calls.stream().filter(call -> call.contains("cp")).count();
  }
}
