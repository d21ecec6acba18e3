package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.JobJar;
import io.fruits.pipeline.embed.EmbedMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.hadoop.mapreduce.Job;

/**
 * Follows a running job on stderr: for the embedding job, images done of the total with images/s
 * and an ETA; for any job, map and reduce progress. On a terminal one line is rewritten in place;
 * in a log (CI, EMR step) a line is printed every {@value #LOG_EVERY_SECONDS} seconds.
 */
final class ProgressReporter {

  /** How often a cluster's job is asked for its state: each check is a call to its application master. */
  private static final long POLL_MILLIS = 1000;
  /**
   * The same for the local runner, where a check is a method call. The run goes on only once the
   * job is seen complete, so each job waits half a poll on average after it ends.
   */
  private static final long LOCAL_POLL_MILLIS = 20;
  private static final int LOG_EVERY_SECONDS = 30;

  private final PrintStream out;
  private final boolean terminal;

  ProgressReporter(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /**
   * Reports on the submitted {@code job} until it ends; returns whether it succeeded.
   *
   * @param images how many images the job reads, for the images-done line; 0 for a job that
   *     reads no images
   */
  boolean follow(String stage, Job job, long images) throws IOException, InterruptedException {
    out.printf(Locale.ROOT, "%s: job %s, tracking %s%n", stage, job.getJobID(), job.getTrackingURL());
    long start = System.nanoTime();
    long lastLogged = start;
    long lastDrawn = start;
    String last = "";
    long poll = JobJar.runsLocally(job.getConfiguration()) ? LOCAL_POLL_MILLIS : POLL_MILLIS;
    while (!job.isComplete()) {
      Thread.sleep(poll);
      long now = System.nanoTime();
      if (terminal) {
        if (now - lastDrawn >= POLL_MILLIS * 1_000_000L) {
          out.print("\r" + line(stage, job, images, now - start) + "   ");
          out.flush();
          lastDrawn = now;
        }
      } else if (now - lastLogged >= LOG_EVERY_SECONDS * 1_000_000_000L) {
        last = line(stage, job, images, now - start);
        out.println(last);
        lastLogged = now;
      }
    }
    String end = line(stage, job, images, System.nanoTime() - start);
    if (terminal) {
      out.println("\r" + end);
    } else if (!end.equals(last)) {
      out.println(end);
    }
    return job.isSuccessful();
  }

  /** Submits {@code job}; a class it names missing from the jar is a fault of the build. */
  static void submit(Job job) throws IOException, InterruptedException {
    try {
      job.submit();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the job's classes are missing from its jar", e);
    }
  }

  /** Submits {@code job} and {@linkplain #followStage follows} it. */
  static void runStage(String stage, Job job, long images)
      throws IOException, InterruptedException, StageFailedException {
    submit(job);
    followStage(stage, job, images);
  }

  /**
   * {@link #follow}, on the terminal if there is one; a failed job is a
   * {@link StageFailedException} that names it and where its task logs are.
   */
  static void followStage(String stage, Job job, long images)
      throws IOException, InterruptedException, StageFailedException {
    if (!new ProgressReporter(System.err, System.console() != null).follow(stage, job, images)) {
      String info = job.getStatus().getFailureInfo();
      throw new StageFailedException(stage, "job " + job.getJobID() + " " + job.getJobState()
          + (info == null || info.equals("NA") ? "" : ": " + info)
          + " (task logs: " + job.getTrackingURL() + ")");
    }
  }

  private static String line(String stage, Job job, long total, long elapsedNanos)
      throws IOException {
    double seconds = elapsedNanos / 1e9;
    if (total > 0) {
      long done = job.getCounters().findCounter(EmbedMapper.Counters.IMAGES_READ).getValue();
      double rate = done / Math.max(seconds, 1e-9);
      String eta = done == 0 ? "?" : String.format(Locale.ROOT, "%.0f s", (total - done) / rate);
      return String.format(Locale.ROOT, "%s: %d/%d images (%.0f%%), %.0f images/s, ETA %s",
          stage, done, total, 100.0 * done / total, rate, eta);
    }
    return String.format(Locale.ROOT, "%s: map %.0f%%, reduce %.0f%%, %.0f s", stage,
        100 * job.mapProgress(), 100 * job.reduceProgress(), seconds);
  }
}
