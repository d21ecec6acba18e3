package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.conf.JobJar;
import io.fruits.pipeline.embed.EmbedMapper;
import io.fruits.pipeline.incremental.PreviousRowMapper;
import io.fruits.pipeline.model.ModelHolder;
import io.fruits.pipeline.project.ProjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
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
 * it was replacing stays) and deletes the local runner's distributed-cache links. Runs before
 * the model sessions close ({@link ModelHolder}) and before Hadoop closes its file systems.
 * Stage and job are guarded by this object's lock, which {@link #submit} holds while YARN is
 * being given the job.
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
  private String stage = "plan";
  private Job job;
  private boolean stopping;
  private boolean finished;

  RunInterruption(Configuration conf, UnfinishedRun unfinished) {
    this.conf = conf;
    this.unfinished = unfinished;
    ShutdownHookManager.get().addShutdownHook(hook, SHUTDOWN_PRIORITY);
  }

  /**
   * Submits the stage's job. A stop waits for a submission under way: YARN has the application
   * before {@link Job#submit} returns, and a job the run does not know yet could not be killed.
   * After a stop no job is submitted.
   */
  synchronized void submit(String stageName, Job stageJob)
      throws IOException, InterruptedException {
    if (stopping) {
      throw new InterruptedIOException("the run is stopping; stage '" + stageName
          + "' was not submitted");
    }
    stage = stageName;
    ProgressReporter.submit(stageJob);
    job = stageJob;
  }

  /** The run has finished, successfully or not, and cleaned up after itself. */
  @Override
  public synchronized void close() {
    finished = true;
    if (!ShutdownHookManager.get().isShutdownInProgress()) {
      ShutdownHookManager.get().removeShutdownHook(hook);
    }
  }

  /** What the shutdown hook runs. */
  void stop() {
    Job running;
    synchronized (this) {
      if (finished) {
        return;
      }
      stopping = true;
      running = job;
      System.err.println("fruits-pipeline: stopping during stage '" + stage + "'; "
          + unfinished.whatIsLeft());
    }
    try {
      if (running != null && !running.isComplete()) {
        running.killJob();
      }
    } catch (IOException e) {
      LOG.warn("could not kill job {}; the run's folder is cleaned up all the same",
          running.getJobID(), e);
    }
    try {
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
