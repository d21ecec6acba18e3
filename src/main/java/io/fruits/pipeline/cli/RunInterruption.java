package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.conf.JobJar;
import io.fruits.pipeline.embed.EmbedMapper;
import io.fruits.pipeline.incremental.PreviousRowMapper;
import io.fruits.pipeline.model.ModelHolder;
import io.fruits.pipeline.project.ProjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run does when its JVM is told to stop (SIGINT, SIGTERM) before the run has finished: it
 * kills the job under way, so no YARN application keeps running and writing, and MapReduce
 * aborts the job's output; then it discards what the run wrote ({@link UnfinishedRun}: an output
 * it was replacing stays) and deletes the local runner's distributed-cache links. Runs before the model sessions close ({@link ModelHolder}) and before
 * Hadoop closes its file systems.
 */
final class RunInterruption implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunInterruption.class);
  static final int SHUTDOWN_PRIORITY = ModelHolder.SHUTDOWN_PRIORITY + 10;
  /**
   * The links the local runner makes in the working folder for the jobs' cached files that are
   * not on its disk (an S3 model, say); local files are used in place ({@link CachedFile}).
   */
  static final List<String> LOCAL_LINKS = List.of(EmbedMapper.MODEL_LINK, ProjectMapper.PCA_LINK,
      PreviousRowMapper.DROPPED_LINK);

  private final Configuration conf;
  private final UnfinishedRun unfinished;
  private final Runnable hook = this::stop;
  private volatile String stage = "plan";
  private volatile Job job;
  private volatile boolean finished;

  RunInterruption(Configuration conf, UnfinishedRun unfinished) {
    this.conf = conf;
    this.unfinished = unfinished;
    ShutdownHookManager.get().addShutdownHook(hook, SHUTDOWN_PRIORITY);
  }

  /** The stage now under way, and its job. */
  void running(String stageName, Job stageJob) {
    stage = stageName;
    job = stageJob;
  }

  /** The run has finished, successfully or not, and cleaned up after itself. */
  @Override
  public void close() {
    finished = true;
    if (!ShutdownHookManager.get().isShutdownInProgress()) {
      ShutdownHookManager.get().removeShutdownHook(hook);
    }
  }

  private void stop() {
    if (finished) {
      return;
    }
    System.err.println("fruits-pipeline: stopping during stage '" + stage + "'; "
        + unfinished.whatIsLeft());
    try {
      Job running = job;
      if (running != null && !running.isComplete()) {
        running.killJob();
      }
      unfinished.discard();
      if (JobJar.runsLocally(conf)) {
        for (String link : LOCAL_LINKS) {
          if (Files.isSymbolicLink(Paths.get(link))) {
            Files.delete(Paths.get(link));
          }
        }
      }
    } catch (IOException e) {
      LOG.warn("could not clean up after the interrupted run", e);
    }
  }
}
