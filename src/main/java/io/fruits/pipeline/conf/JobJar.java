package io.fruits.pipeline.conf;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRConfig;

/** Where jobs run, and what that changes about submitting them. */
public final class JobJar {

  private JobJar() {}

  /**
   * True when jobs run on Hadoop's local runner in this JVM: {@code mapreduce.framework.name} is
   * {@code local}, its default, rather than {@code yarn}.
   */
  public static boolean runsLocally(Configuration conf) {
    return MRConfig.LOCAL_FRAMEWORK_NAME.equals(
        conf.get(MRConfig.FRAMEWORK_NAME, MRConfig.LOCAL_FRAMEWORK_NAME));
  }

  /**
   * Sets the jar holding {@code jobClass}, unless the job runs on the local runner: that runs
   * tasks on the driver's class path and never reads the jar, but submission would still copy
   * it (68 MB with ONNX Runtime's native libraries) to the staging folder, 0.1–0.2 s per job.
   */
  public static void set(Job job, Class<?> jobClass) {
    if (!runsLocally(job.getConfiguration())) {
      job.setJarByClass(jobClass);
    }
  }
}
