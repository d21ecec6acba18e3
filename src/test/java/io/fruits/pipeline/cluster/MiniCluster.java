package io.fruits.pipeline.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskReport;
import org.apache.hadoop.mapreduce.TaskType;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeys;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.Cluster;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.log4j.Level;
import org.apache.log4j.LogManager;
import org.apache.log4j.spi.LoggerRepository;

/**
 * One DataNode and a YARN cluster with MapReduce's history server, in this JVM, under a base
 * folder: the clients' view of it is a site file to pass with {@code -conf}, the way
 * {@code hadoop jar} reads a node's {@code *-site.xml}.
 */
final class MiniCluster implements AutoCloseable {

  /** Held so the levels stick: java.util.logging keeps its loggers weakly. */
  private static List<java.util.logging.Logger> quietJulLoggers;

  private final MiniDFSCluster dfs;
  private final MiniMRYarnCluster yarn;
  private final File siteFile;

  private MiniCluster(MiniDFSCluster dfs, MiniMRYarnCluster yarn, File siteFile) {
    this.dfs = dfs;
    this.yarn = yarn;
    this.siteFile = siteFile;
  }

  /**
   * Starts the cluster under {@code base} (emptied first) with {@code settings} and
   * {@code nodeManagers} NodeManagers. Containers get the classpath of a real node, Hadoop's
   * jars only ({@link ContainerClasspath}), so tasks must find the pipeline in {@code jobJar}.
   */
  static MiniCluster start(String name, File base, Configuration settings, int nodeManagers,
      File jobJar) throws IOException {
    muteExpectedWarnings();
    FileUtil.fullyDelete(base);
    Configuration conf = new Configuration(settings);
    conf.set(CommonConfigurationKeys.HADOOP_TMP_DIR, new File(base, "tmp").getPath());
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf, new File(base, "dfs"))
        .numDataNodes(1).build();
    dfs.waitActive();
    conf.set(CommonConfigurationKeys.FS_DEFAULT_NAME_KEY, dfs.getFileSystem().getUri().toString());
    MiniMRYarnCluster yarn = new MiniMRYarnCluster(name, nodeManagers);
    yarn.init(conf);
    yarn.start();

    Configuration site = new Configuration(yarn.getConfig());
    site.setBoolean(YarnConfiguration.IS_MINI_YARN_CLUSTER, false);
    site.setStrings(MRJobConfig.MAPREDUCE_APPLICATION_CLASSPATH,
        ContainerClasspath.hadoopSide(jobJar).toArray(String[]::new));
    File siteFile = new File(base, "cluster-site.xml");
    try (OutputStream out = Files.newOutputStream(siteFile.toPath())) {
      site.writeXml(out);
    }
    return new MiniCluster(dfs, yarn, siteFile);
  }

  FileSystem fileSystem() throws IOException {
    return dfs.getFileSystem();
  }

  /** The clients' settings: the cluster's addresses, job defaults and the container classpath. */
  File siteFile() {
    return siteFile;
  }

  /** The logs of every container so far, in the NodeManagers' folders. */
  ContainerLogs logs() {
    return new ContainerLogs(yarn.getTestWorkDir().toPath());
  }

  /** The newest job named {@code name}; fails when there is none. */
  JobID latestJob(String name) throws IOException, InterruptedException {
    Cluster cluster = new Cluster(yarn.getConfig());
    try {
      return Arrays.stream(cluster.getAllJobStatuses())
          .filter(status -> name.equals(status.getJobName()))
          .map(JobStatus::getJobID)
          .max(Comparator.naturalOrder())
          .orElseThrow(() -> new AssertionError("no job named " + name));
    } finally {
      cluster.close();
    }
  }

  /**
   * Fails attempt 0 of map task 0 of the first job named {@code name} started after now, from
   * outside, as a lost node or a killed container would: waits until that attempt runs, then asks
   * the application master to fail it, so MapReduce must rerun it. Returns the failed attempt.
   */
  CompletableFuture<TaskAttemptID> failFirstMapAttempt(String name) {
    return CompletableFuture.supplyAsync(() -> {
      Cluster cluster = null;
      try {
        cluster = new Cluster(yarn.getConfig());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        JobID before = Arrays.stream(cluster.getAllJobStatuses())
            .filter(status -> name.equals(status.getJobName())).map(JobStatus::getJobID)
            .max(Comparator.naturalOrder()).orElse(null);
        while (System.nanoTime() < deadline) {
          for (JobStatus status : cluster.getAllJobStatuses()) {
            if (name.equals(status.getJobName()) && !status.getJobID().equals(before)
                && (before == null || status.getJobID().compareTo(before) > 0)) {
              TaskAttemptID failed = failAttemptZero(cluster.getJob(status.getJobID()));
              if (failed != null) {
                return failed;
              }
            }
          }
          Thread.sleep(50);
        }
        throw new AssertionError("no running attempt of map task 0 of " + name + " to fail");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      } finally {
        closeQuietly(cluster);
      }
    });
  }

  private static void closeQuietly(Cluster cluster) {
    if (cluster != null) {
      try {
        cluster.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static TaskAttemptID failAttemptZero(Job job) throws IOException, InterruptedException {
    for (TaskReport report : job.getTaskReports(TaskType.MAP)) {
      for (TaskAttemptID attempt : report.getRunningTaskAttemptIds()) {
        if (attempt.getTaskID().getId() == 0 && attempt.getId() == 0) {
          job.failTask(attempt);
          return attempt;
        }
      }
    }
    return null;
  }

  /** The jobs YARN has not finished yet: running, or waiting to run. */
  List<JobID> unfinishedJobs() throws IOException, InterruptedException {
    Cluster cluster = new Cluster(yarn.getConfig());
    try {
      return Arrays.stream(cluster.getAllJobStatuses())
          .filter(status -> status.getState() == JobStatus.State.RUNNING
              || status.getState() == JobStatus.State.PREP)
          .map(JobStatus::getJobID).toList();
    } finally {
      cluster.close();
    }
  }

  /** The state YARN reports for {@code job}. */
  JobStatus.State state(JobID job) throws IOException, InterruptedException {
    Cluster cluster = new Cluster(yarn.getConfig());
    try {
      return Arrays.stream(cluster.getAllJobStatuses())
          .filter(status -> status.getJobID().equals(job)).map(JobStatus::getState)
          .findFirst().orElseThrow(() -> new AssertionError("no job " + job));
    } finally {
      cluster.close();
    }
  }

  /** A finished job's counters, from the job history server. */
  Counters counters(JobID job) throws IOException, InterruptedException {
    Cluster cluster = new Cluster(yarn.getConfig());
    try {
      return cluster.getJob(job).getCounters();
    } finally {
      cluster.close();
    }
  }

  /** Stops YARN, then HDFS; their threads, interrupted, would each log a warning or an error. */
  @Override
  public void close() {
    LoggerRepository logging = LogManager.getLoggerRepository();
    Level threshold = logging.getThreshold();
    logging.setThreshold(Level.OFF);
    try {
      yarn.stop();
      dfs.shutdown();
    } finally {
      logging.setThreshold(threshold);
    }
  }

  /**
   * Mutes what a healthy mini cluster on one machine warns about: its web apps' start-up
   * (Jersey and Guice, through java.util.logging), no HTTP signature secret file, a fresh
   * DataNode's missing usage cache, log aggregation being off, and container files already
   * gone when a NodeManager cleans up. Task failures still show, in the job's result and in
   * the container logs.
   */
  private static void muteExpectedWarnings() {
    quietJulLoggers = Stream.of("com.sun.jersey", "com.google.inject")
        .map(java.util.logging.Logger::getLogger).toList();
    quietJulLoggers.forEach(logger -> logger.setLevel(java.util.logging.Level.SEVERE));
    for (String name : List.of(
        "org.apache.hadoop.security.authentication.server.AuthenticationFilter",
        "org.apache.hadoop.hdfs.server.datanode",
        "org.apache.hadoop.yarn.server.nodemanager.logaggregation",
        "org.apache.hadoop.yarn.server.nodemanager.DefaultContainerExecutor")) {
      LogManager.getLogger(name).setLevel(Level.ERROR);
    }
  }
}
