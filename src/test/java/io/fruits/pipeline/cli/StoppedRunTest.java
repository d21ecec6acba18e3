package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local run stopped with SIGTERM while its map tasks are inside ONNX Runtime: the JVM exits
 * cleanly (exit 143, no crash in native code), says which stage it stopped in, leaves no
 * distributed-cache link in its working folder and nothing of the run that could be mistaken for
 * a result. That the stop kills the job under way is not visible from outside this process; it is
 * checked by {@link RunInterruptionTest} and, on YARN, by {@code PipelineClusterIT}.
 */
class StoppedRunTest {

  @Test
  void aRunStoppedDuringInferenceExitsCleanlyAndLeavesNothingBehind(@TempDir Path temp)
      throws Exception {
    Path input = temp.resolve("in");
    SharedData.copyAsDataset(SharedData.fruits(10, 40), input);
    Path output = temp.resolve("out");
    Path work = Files.createDirectories(temp.resolve("work"));
    Path logFile = temp.resolve("run.log");
    Process run = new ProcessBuilder(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
        "--input", input.toString(), "--output", output.toString(),
        "--model", SharedData.floatModel().toString(), "--batch-size", "4")
        .directory(work.toFile()).redirectErrorStream(true).redirectOutput(logFile.toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!Files.readString(logFile).contains("embed: job") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    // The model loads in about a second; then both map threads are inside ONNX Runtime.
    Thread.sleep(3_000);
    assertTrue(run.isAlive(), "the run ended before it could be stopped:\n" + Files.readString(logFile));
    run.destroy();
    assertTrue(run.waitFor(2, TimeUnit.MINUTES), () -> "still running after SIGTERM");
    String log = Files.readString(logFile);

    assertEquals(143, run.exitValue(), "a JVM that ends on SIGTERM exits with 128 + 15:\n" + log);
    assertTrue(log.contains("stopping during stage 'embed'"), log);
    try (Stream<Path> left = Files.list(work)) {
      List<String> names = left.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.stream().noneMatch(n -> n.startsWith("hs_err_pid")), "crashed: " + names);
      assertTrue(names.stream().noneMatch(RunInterruption.LOCAL_LINKS::contains),
          "links left: " + names);
    }
    assertFalse(Files.exists(output), "nothing of the stopped run is left");
  }
}
