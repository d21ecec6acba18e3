package io.fruits.pipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fruits.pipeline.model.ModelKeys;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * conf/: every JSON file parses, and the EMR configuration sizes containers the way the README
 * says for m5.xlarge core nodes (4 vCPU, 16 GiB, YARN ~12 GiB): a map task is a 2 GiB container
 * holding a 1280 MiB heap plus ONNX Runtime's native memory, one vcore, one inference thread.
 */
class ConfFilesTest {

  /** m5.xlarge: what EMR leaves YARN of its 16 GiB, and its vCPUs. */
  private static final int NODE_YARN_MB = 12288;
  private static final int NODE_VCPUS = 4;
  /** ONNX Runtime's session, arena and model live outside the heap (measured ~300 MB), plus JVM overhead. */
  private static final int NATIVE_HEADROOM_MB = 512;

  @Test
  void everyJsonFileInConfParses() throws Exception {
    List<Path> files = ProjectFiles.find(ProjectFiles.conf(), ".json");
    assertTrue(files.size() >= 7, "expected the EMR configuration and the IAM documents, got " + files);
    for (Path file : files) {
      assertTrue(new ObjectMapper().readTree(file.toFile()).isContainerNode(), file + " is not a JSON document");
    }
  }

  @Test
  void yarnOffersWhatAnM5XlargeHasAndCountsVcores() throws Exception {
    EmrConfigurations emr = EmrConfigurations.load();
    assertTrue(emr.intValue("yarn-site", "yarn.nodemanager.resource.memory-mb") <= NODE_YARN_MB);
    assertEquals(NODE_VCPUS, emr.intValue("yarn-site", "yarn.nodemanager.resource.cpu-vcores"));
    assertEquals("false", emr.get("yarn-site").get("yarn.nodemanager.vmem-check-enabled"),
        "ONNX Runtime reserves far more virtual memory than it uses");
    // Without it the capacity scheduler places containers by memory alone: 6 maps on 4 vCPUs.
    assertEquals("org.apache.hadoop.yarn.util.resource.DominantResourceCalculator",
        emr.get("capacity-scheduler").get("yarn.scheduler.capacity.resource-calculator"));
  }

  @Test
  void mapTasksFitTheirContainersAndUseOneInferenceThreadPerVcore() throws Exception {
    EmrConfigurations emr = EmrConfigurations.load();
    for (String task : List.of("map", "reduce")) {
      int container = emr.intValue("mapred-site", "mapreduce." + task + ".memory.mb");
      int heap = heapMb(emr.get("mapred-site").get("mapreduce." + task + ".java.opts"));
      assertTrue(container - heap >= NATIVE_HEADROOM_MB,
          task + ": " + container + " MB container for a " + heap + " MB heap leaves too little native memory");
      assertTrue(container <= emr.intValue("yarn-site", "yarn.scheduler.maximum-allocation-mb"));
      assertEquals(1, emr.intValue("mapred-site", "mapreduce." + task + ".cpu.vcores"));
    }
    int am = emr.intValue("mapred-site", "yarn.app.mapreduce.am.resource.mb");
    assertTrue(am - heapMb(emr.get("mapred-site").get("yarn.app.mapreduce.am.command-opts")) >= 256);
    int mapMb = emr.intValue("mapred-site", "mapreduce.map.memory.mb");
    int mapsPerNode = Math.min(emr.intValue("yarn-site", "yarn.nodemanager.resource.memory-mb") / mapMb,
        NODE_VCPUS / emr.intValue("mapred-site", "mapreduce.map.cpu.vcores"));
    assertEquals(NODE_VCPUS, mapsPerNode, "one single-threaded map task per vCPU");
    assertEquals("0", emr.get("mapred-site").get(ModelKeys.INTRA_OP_THREADS.key()),
        "0 = as many ONNX Runtime threads as the map task's vcores");
    assertEquals("1", emr.get("mapred-site").get("mapreduce.fileoutputcommitter.algorithm.version"),
        "v2 commits task output straight into the destination: not safe on S3 nor on task retries");
  }

  @Test
  void s3aCommitsWithAnS3aCommitterAndEncryptsWrites() throws Exception {
    Map<String, String> core = EmrConfigurations.load().get("core-site");
    assertTrue(List.of("magic", "directory").contains(core.get("fs.s3a.committer.name")), core.toString());
    assertTrue(List.of("AES256", "SSE-KMS").contains(core.get("fs.s3a.encryption.algorithm")), core.toString());
    assertFalse(core.containsKey("fs.s3a.access.key") || core.containsKey("fs.s3a.secret.key"),
        "credentials come from the instance profile, never from configuration");
    assertEquals("true", EmrConfigurations.load().get("emrfs-site").get("fs.s3.enableServerSideEncryption"));
  }

  @Test
  void theDriversLog4jConfigurationLogsOurStagesAndJobProgress() throws Exception {
    Properties log4j = new Properties();
    try (Reader in = Files.newBufferedReader(ProjectFiles.conf().resolve("emr/log4j.properties"))) {
      log4j.load(in);
    }
    assertTrue(log4j.getProperty("log4j.rootLogger").startsWith("WARN"), log4j.toString());
    assertEquals("INFO", log4j.getProperty("log4j.logger.io.fruits.pipeline"));
    assertEquals("INFO", log4j.getProperty("log4j.logger.org.apache.hadoop.mapreduce.Job"));
    String appender = log4j.getProperty("log4j.rootLogger").split(",")[1].trim();
    assertTrue(log4j.containsKey("log4j.appender." + appender), "root appender " + appender + " is not defined");
  }

  private static int heapMb(String javaOpts) {
    Matcher m = Pattern.compile("-Xmx(\\d+)([mg])").matcher(javaOpts);
    assertTrue(m.find(), "no -Xmx in " + javaOpts);
    return Integer.parseInt(m.group(1)) * (m.group(2).equals("g") ? 1024 : 1);
  }
}
