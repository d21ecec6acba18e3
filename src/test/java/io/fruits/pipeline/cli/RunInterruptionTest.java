package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.output.OutputLayout;
import io.fruits.pipeline.testing.MapReduceHarness;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.NullOutputFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop (the shutdown hook on SIGTERM) racing the submission of a stage's job. YARN has the
 * application before {@link Job#submit} returns, so a stop in that window must wait for the
 * submission and kill the job; a stop before it must keep the job from being submitted. The
 * submission is held inside the job client's split computation, where a cluster's submission
 * spends its time too.
 */
class RunInterruptionTest {

  private static volatile CountDownLatch splitting;
  private static volatile CountDownLatch released;
  private static final AtomicInteger SUBMISSIONS = new AtomicInteger();

  @TempDir java.nio.file.Path temp;
  private Configuration conf;
  private RunInterruption interruption;

  @BeforeEach
  void setUp() {
    splitting = new CountDownLatch(1);
    released = new CountDownLatch(1);
    SUBMISSIONS.set(0);
    conf = new Configuration();
    conf.set("hadoop.tmp.dir", temp.resolve("hadoop").toString());
  }

  @AfterEach
  void tearDown() {
    released.countDown();
    interruption.close();
  }

  @Test
  void aStopDuringASubmissionWaitsForItAndKillsTheJob() throws Exception {
    java.nio.file.Path output = Files.createDirectories(temp.resolve("out"));
    interruption = new RunInterruption(conf, new UnfinishedRun(conf,
        new OutputLayout(new Path(output.toUri()))));
    Job job = heldJob();
    CompletableFuture<Void> submitted = CompletableFuture.runAsync(() -> submit(job));
    assertTrue(splitting.await(1, TimeUnit.MINUTES), "the submission did not start");

    CompletableFuture<Void> stopped = CompletableFuture.runAsync(interruption::stop);
    assertThrows(TimeoutException.class, () -> stopped.get(2, TimeUnit.SECONDS),
        "the stop went on while the job was being submitted");
    released.countDown();
    submitted.get(1, TimeUnit.MINUTES);
    stopped.get(1, TimeUnit.MINUTES);

    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!job.isComplete() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(job.isComplete(), "the submitted job is still running");
    assertEquals(JobStatus.State.KILLED, job.getJobState());
    assertFalse(Files.exists(output), "the stopped run's folder is removed");
  }

  @Test
  void afterAStopNoJobIsSubmitted() throws Exception {
    interruption = new RunInterruption(conf, new UnfinishedRun(conf,
        new OutputLayout(new Path(temp.resolve("out").toUri()))));
    released.countDown();
    interruption.stop();

    InterruptedIOException refused = assertThrows(InterruptedIOException.class,
        () -> interruption.submit("embed", heldJob()));
    assertEquals("the run is stopping; stage 'embed' was not submitted", refused.getMessage());
    assertEquals(0, SUBMISSIONS.get(), "the job's splits were computed: it was being submitted");
  }

  private void submit(Job job) {
    try {
      interruption.submit("embed", job);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private Job heldJob() throws Exception {
    Job job = Job.getInstance(conf, "held");
    job.setInputFormatClass(HeldInputFormat.class);
    job.setMapperClass(SleepingMapper.class);
    job.setNumReduceTasks(0);
    job.setOutputFormatClass(NullOutputFormat.class);
    return job;
  }

  /** One split, computed only once the test releases it. */
  public static final class HeldInputFormat extends InputFormat<NullWritable, NullWritable> {
    @Override
    public List<InputSplit> getSplits(JobContext context) throws InterruptedException {
      SUBMISSIONS.incrementAndGet();
      splitting.countDown();
      released.await();
      return List.of(new OneSplit());
    }

    @Override
    public RecordReader<NullWritable, NullWritable> createRecordReader(InputSplit split,
        TaskAttemptContext context) {
      return new MapReduceHarness.ListReader<>(List.of(Map.entry(NullWritable.get(),
          NullWritable.get())));
    }
  }

  /** An empty split the local runner can serialize. */
  public static final class OneSplit extends InputSplit implements Writable {
    @Override
    public long getLength() {
      return 0;
    }

    @Override
    public String[] getLocations() {
      return new String[0];
    }

    @Override
    public void write(DataOutput out) {}

    @Override
    public void readFields(DataInput in) {}
  }

  /** A task that runs until it is killed. */
  public static final class SleepingMapper
      extends Mapper<NullWritable, NullWritable, NullWritable, NullWritable> {
    @Override
    protected void map(NullWritable key, NullWritable value, Context context)
        throws InterruptedException {
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }
}
