package io.fruits.pipeline.conf;

import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRConfig;

/** Names a job's jar for the cluster, and none for the local runner. */
public final class JobJar {

  private JobJar() {}

  /**
   * Sets the jar holding {@code jobClass}, unless the job runs on the local runner: that runs
   * tasks on the driver's class path and never reads the jar, but submission would still copy
   * it (68 MB with ONNX Runtime's native libraries) to the staging folder, 0.1–0.2 s per job.
   */
  public static void set(Job job, Class<?> jobClass) {
    String framework = job.getConfiguration().get(MRConfig.FRAMEWORK_NAME, MRConfig.LOCAL_FRAMEWORK_NAME);
    if (!MRConfig.LOCAL_FRAMEWORK_NAME.equals(framework)) {
      job.setJarByClass(jobClass);
    }
  }
}
