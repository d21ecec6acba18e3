package io.fruits.pipeline.cluster;

import io.fruits.pipeline.output.RunSummary;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.cli.Main;
import io.fruits.pipeline.cli.PipelineTool;
import io.fruits.pipeline.classify.SampleMapper;
import io.fruits.pipeline.classify.TrainReducer;
import io.fruits.pipeline.embed.EmbedJob;
import io.fruits.pipeline.embed.EmbedMapper;
import io.fruits.pipeline.incremental.PreviousRowMapper;
import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.ModelFingerprint;
import io.fruits.pipeline.model.ModelKeys;
import io.fruits.pipeline.pca.PcaKeys;
import io.fruits.pipeline.project.ProjectMapper;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.client.HdfsClientConfigKeys;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobCounter;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.mapreduce.MRConfig;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.util.ToolRunner;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code run} command on a real HDFS + YARN mini cluster (one DataNode, two NodeManagers,
 * every task in its own JVM), submitted the way {@code hadoop jar} does: a fresh
 * {@link Configuration} through {@link ToolRunner}, the cluster's settings as a {@code -conf} site
 * file, and the shaded {@code target/fruits-pipeline.jar} as the job jar
 * ({@code -D mapreduce.job.jar}). It covers what the local runner cannot: the packaged jar, the
 * distributed cache, ONNX Runtime loading its native library inside containers, the map → reduce
 * shuffle and several tasks writing at once. {@code mvn verify} runs it after {@code package}, on
 * Hadoop's unshaded jars like a real node ({@code hadoop-client-minicluster} lacks MapReduce's
 * application master and shuffle service; see the failsafe section of the pom).
 *
 * <p>Settings that fit a 2-core, 24 GiB CI machine and a few minutes (measured on the sample: a
 * map task peaks at about 260 MB resident and 2.3 GB virtual, a reducer at 200 MB / 2.3 GB):
 * <ul>
 *   <li>{@code yarn.nodemanager.resource.memory-mb=3072}, {@code cpu-vcores=2} per NodeManager:
 *       6 GiB in all, room for the application master and the four map tasks at once; more
 *       would only queue on two cores. Vcores are not enforced without cgroups; they say one
 *       inference thread per task.
 *   <li>{@code yarn.scheduler.minimum-allocation-mb=256}, {@code maximum-allocation-mb=2048}:
 *       requests round up to 256 MiB instead of 1 GiB, and an oversized one fails at once.
 *   <li>{@code mapreduce.map.memory.mb=1024}, {@code -Xmx512m}: the heap holds a batch tensor
 *       (8 × 224 × 224 × 3 floats), the 1280-d co-moment sums (6.6 MB) and the sort buffer;
 *       ONNX Runtime's session, arena and the 14 MB model live outside it.
 *       {@code mapreduce.task.io.sort.mb=32}: a map emits one 6.6 MB set of row blocks.
 *   <li>{@code mapreduce.reduce.memory.mb=1024}, {@code -Xmx512m}: a reducer merges one 3.3 MB
 *       row block from each map. {@code yarn.app.mapreduce.am.resource.mb=1024}, {@code -Xmx512m}.
 *       One vcore per task.
 *   <li>{@code fruits.model.intra-op-threads=1}: one ONNX Runtime thread per task, so four
 *       tasks do not fight over two cores.
 *   <li>Physical-memory check on ({@code mapreduce.minicluster.control-resource-monitoring}),
 *       so a task whose native memory outgrows its container is killed here as on a real node.
 *       Virtual-memory check off, as on most clusters: the JVM reserves heap, metaspace and
 *       code-cache address space, ONNX Runtime and glibc map more, so a task maps 2.3 GB it
 *       never touches, over the default limit of 2.1 × 1 GiB. The NodeManagers' admin
 *       environment sets {@code JAVA_HOME} (this JVM's) and {@code MALLOC_ARENA_MAX=2}, which
 *       caps glibc's per-thread malloc arenas.
 *   <li>{@code mapreduce.job.reduce.slowstart.completedmaps=1}: reducers start after the last
 *       map instead of holding containers the maps need. No speculative attempts: on a busy
 *       2-core machine they would only duplicate work and make attempt counts vary.
 *   <li>{@code mapreduce.map.maxattempts=2}: the injected failure gets exactly one retry.
 *   <li>{@code mapreduce.client.completion.pollinterval=500}: the client sees a finished job
 *       within half a second instead of five, for each of the four jobs.
 * </ul>
 * MapReduce starts task JVMs with {@code -Djava.io.tmpdir=$PWD/tmp}, so ONNX Runtime extracts its
 * native library into the container's own folder. Containers see only Hadoop's jars
 * ({@link ContainerClasspath}); their logs stay in the NodeManagers' folders under
 * {@code target/it/PipelineClusterIT}, and failed assertions quote them ({@link ContainerLogs}).
 */
class PipelineClusterIT {

  private static final String NAME = "PipelineClusterIT";
  private static final int CLASSES = 4;
  private static final int PER_CLASS = 15;
  private static final int IMAGES = CLASSES * PER_CLASS;
  /** About 16 of the ~5 KB sample photos per split: four map tasks. */
  private static final long SPLIT_BYTES = 80_000;
  /** Two batches per map task, so the injected failure strikes after output was written. */
  private static final int BATCH = 8;
  private static final int PCA_K = 8;
  private static final int REDUCERS = 2;

  @TempDir static java.nio.file.Path temp;

  private static MiniCluster cluster;
  private static FileSystem hdfs;
  private static ContainerLogs logs;
  private static File jobJar;
  private static Path hdfsInput;
  private static Path hdfsModel;
  private static FeatureTable local;
  private static ClusterRun clean;

  /** What a cluster run left: its summary, its rows, and its embed job with that job's counters. */
  private record ClusterRun(RunSummary summary, FeatureTable table, JobID embedJob,
      Counters embedCounters) {}

  @BeforeAll
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  static void startClusterAndRunOnceEachWay() throws Exception {
    jobJar = new File(System.getProperty("fruits.job.jar", "target/fruits-pipeline.jar"))
        .getAbsoluteFile();
    assertTrue(jobJar.isFile(), "no job jar at " + jobJar + "; mvn verify builds it (package)");
    File base = new File(System.getProperty("test.build.data", "target/it"), NAME);
    cluster = MiniCluster.start(NAME, base.getAbsoluteFile(), clusterSettings(), 2, jobJar);
    hdfs = cluster.fileSystem();
    logs = cluster.logs();

    java.nio.file.Path localInput = temp.resolve("in");
    SharedData.copyAsDataset(SharedData.fruits(CLASSES, PER_CLASS), localInput);
    hdfsInput = hdfs.makeQualified(new Path("/fruits/in"));
    hdfs.copyFromLocalFile(new Path(localInput.toUri()), hdfsInput);
    hdfsModel = hdfs.makeQualified(new Path("/models/" + SharedData.floatModel().getFileName()));
    hdfs.copyFromLocalFile(new Path(SharedData.floatModel().toUri()), hdfsModel);

    Path localOutput = new Path(temp.resolve("local-out").toUri());
    int exit = ToolRunner.run(new Configuration(), new PipelineTool(),
        args(new Path(localInput.toUri()), localOutput, new Path(SharedData.floatModel().toUri())));
    assertEquals(0, exit, "the local runner failed");
    local = FeatureTable.read(new Configuration(), localOutput, new Path(localInput.toUri()));
    clean = runOnCluster("clean");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void tasksCanOnlyLoadThePipelineFromTheShadedJobJar() throws Exception {
    // Our classes come from a folder here, so setJarByClass keeps the jar given with -D.
    File classes = new File(
        EmbedMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(classes.isDirectory(), "expected target/classes, got " + classes);
    Configuration conf = new Configuration();
    conf.addResource(new Path(cluster.siteFile().toURI()));
    conf.set(MRJobConfig.JAR, jobJar.getPath());
    assertEquals(jobJar.getPath(),
        EmbedJob.create(conf, hdfsInput, new Path("/unused"), hdfsModel,
            ModelDescriptor.MOBILENET_V2, ModelFingerprint.of(SharedData.floatModel(),
                ModelDescriptor.MOBILENET_V2), 1).getJar());

    assertFalse(conf.getBoolean(YarnConfiguration.IS_MINI_YARN_CLUSTER, true));
    List<String> classpath =
        Arrays.asList(conf.getStrings(MRJobConfig.MAPREDUCE_APPLICATION_CLASSPATH));
    assertTrue(classpath.stream().anyMatch(e -> e.contains("hadoop-mapreduce-client-app")),
        "containers need Hadoop's own jars: " + classpath);
    assertTrue(classpath.stream().noneMatch(e -> e.matches(".*/(onnxruntime|parquet)[^/]*\\.jar")),
        "containers must get ONNX Runtime and Parquet from the job jar: " + classpath);
  }

  @Test
  void severalTasksRanAndEveryImageIsAccountedFor() throws Exception {
    RunSummary summary = clean.summary();
    assertEquals(IMAGES, summary.imagesRead());
    assertEquals(IMAGES, summary.imagesEmbedded());
    assertEquals(0, summary.imagesRejected());
    assertTrue(summary.mapTasks() > 1, "map tasks: " + summary.mapTasks());
    assertEquals(REDUCERS, summary.covarianceReducers());
    assertEquals(PCA_K, summary.pcaComponents());

    Counters counters = clean.embedCounters();
    assertEquals(0, counters.findCounter(JobCounter.NUM_FAILED_MAPS).getValue(), logs::excerpt);
    assertEquals(summary.mapTasks(),
        counters.findCounter(JobCounter.TOTAL_LAUNCHED_MAPS).getValue());
    assertEquals(REDUCERS, counters.findCounter(JobCounter.TOTAL_LAUNCHED_REDUCES).getValue());
    assertEquals(IMAGES, counters.findCounter(EmbedMapper.Counters.IMAGES_READ).getValue());
    assertEquals(IMAGES, counters.findCounter(EmbedMapper.Counters.IMAGES_EMBEDDED).getValue());
    assertEquals(0, counters.findCounter(EmbedMapper.Counters.IMAGES_REJECTED).getValue());

    Path output = output("clean");
    assertTrue(ParquetRows.files(hdfs.getConf(), new Path(output, "features")).size() > 1,
        "several map tasks should each write a features file");
    assertTrue(hdfs.exists(new Path(output, "_SUCCESS")));
    assertFalse(hdfs.exists(new Path(output, "_work")), "intermediate data must be removed");
    assertEquals(IMAGES, clean.table().rows().size());
  }

  /**
   * Same images, labels and features as the local runner, features to 1e-5. The PCA is fitted
   * from sums merged in another order (the splits may differ, two reducers merge in arrival
   * order), so its components may differ in the last bits, and one may come out negated if two
   * loadings nearly tie for largest: each component is compared after matching its sign, to
   * 1e-4 of its largest absolute value over all rows. Float32 projections of magnitude ~10 carry
   * about 1e-6 of rounding, and values near zero have no meaningful relative error. (On the
   * sample both runners make the same splits and batches, and the outputs come out identical.)
   */
  @Test
  void clusterOutputMatchesTheLocalRunner() {
    assertEquals(IMAGES, local.rows().size());
    assertEquals(local.labels(), clean.table().labels());
    for (String path : local.rows().keySet()) {
      assertArrayEquals(local.rows().get(path).features(),
          clean.table().rows().get(path).features(), 1e-5f, path);
    }
    for (int c = 0; c < PCA_K; c++) {
      double dot = 0;
      for (String path : local.rows().keySet()) {
        dot += local.rows().get(path).pca()[c] * clean.table().rows().get(path).pca()[c];
      }
      float sign = dot < 0 ? -1 : 1;
      double tolerance = 1e-4 * local.pcaScale(c);
      for (String path : local.rows().keySet()) {
        float expected = local.rows().get(path).pca()[c];
        float actual = sign * clean.table().rows().get(path).pca()[c];
        assertEquals(expected, actual, tolerance, "component " + c + " of " + path);
      }
    }
  }

  /**
   * Attempt 0 of map task 0 is failed from outside while it runs (its model loaded, perhaps some
   * embeddings already written to the attempt's folder); MapReduce reruns it as attempt 1 and the
   * result is the clean run's.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aMapAttemptThatDiesIsRerunAndTheOutputIsUnchanged() throws Exception {
    CompletableFuture<TaskAttemptID> failure = cluster.failFirstMapAttempt("fruits-embed");
    ClusterRun retried = runOnCluster("retried");

    Counters counters = retried.embedCounters();
    TaskAttemptID failed = new TaskAttemptID(
        new org.apache.hadoop.mapreduce.TaskID(retried.embedJob(), TaskType.MAP, 0), 0);
    assertEquals(failed.toString(), failure.get(1, TimeUnit.MINUTES).toString());
    assertEquals(1, counters.findCounter(JobCounter.NUM_FAILED_MAPS).getValue(), logs::excerpt);
    assertEquals(retried.summary().mapTasks() + 1,
        counters.findCounter(JobCounter.TOTAL_LAUNCHED_MAPS).getValue());
    assertEquals(IMAGES, retried.summary().imagesRead(), "the failed attempt's counts are dropped");
    assertEquals(IMAGES, retried.summary().imagesEmbedded());

    assertRowsOfTheCleanRun(retried.table());
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void anIncrementalRunOfTheSameInputReprojectsThePreviousRowsInContainers() throws Exception {
    JobID projectionBefore = cluster.latestJob("fruits-project");
    Path output = output("incremental");
    List<String> args = clusterArgs(output);
    args.addAll(List.of("--incremental", "--previous", output("clean").toString()));
    int exit = ToolRunner.run(new Configuration(), new PipelineTool(), args.toArray(String[]::new));
    assertEquals(0, exit, () -> "the incremental cluster run failed; " + logs.excerpt());
    RunSummary summary;
    try (InputStream in = hdfs.open(new Path(output, "summary.json"))) {
      summary = RunSummary.readJson(in);
    }
    assertEquals(IMAGES, summary.incremental().imagesReused());
    assertEquals(0, summary.incremental().imagesEmbedded());
    assertEquals(0, summary.incremental().imagesRemoved());

    // The Parquet rows of the clean run went through PreviousRowMapper in the new embed job's
    // containers, and a new projection job on YARN projected and wrote every one of them.
    JobID embedJob = cluster.latestJob("fruits-embed");
    JobID projection = cluster.latestJob("fruits-project");
    assertTrue(embedJob.compareTo(projectionBefore) > 0, "no new embed job: " + embedJob);
    assertTrue(projection.compareTo(embedJob) > 0, "no new projection job: " + projection);
    assertEquals(IMAGES, cluster.counters(embedJob)
        .findCounter(PreviousRowMapper.Counters.ROWS_REUSED).getValue(), logs::excerpt);
    Counters projected = cluster.counters(projection);
    assertEquals(IMAGES, projected.findCounter(ProjectMapper.Counters.ROWS_WRITTEN).getValue(),
        logs::excerpt);
    assertTrue(projected.findCounter(JobCounter.TOTAL_LAUNCHED_MAPS).getValue() > 0);
    FeatureTable table = FeatureTable.read(hdfs.getConf(), output, hdfsInput);
    assertRowsOfTheCleanRun(table);
  }

  /**
   * The projection job fails (its only attempt is failed from outside: one attempt allowed), after
   * the embed job committed. The run keeps only the committed embeddings; {@code --resume} runs
   * the remaining stages without a new embed job, and the result is the clean run's.
   */
  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aRunWhoseProjectionFailedIsResumedFromItsCommittedEmbeddings() throws Exception {
    Path output = output("resumed");
    CompletableFuture<TaskAttemptID> failure = cluster.failFirstMapAttempt("fruits-project");
    List<String> failing = clusterArgs(output, "-D", MRJobConfig.MAP_MAX_ATTEMPTS + "=1");
    int exit = ToolRunner.run(new Configuration(), new PipelineTool(), failing.toArray(String[]::new));
    failure.get(1, TimeUnit.MINUTES);
    assertEquals(1, exit, "the projection job should have failed");
    JobID embedJob = cluster.latestJob("fruits-embed");
    assertEquals(List.of("_work"), Arrays.stream(hdfs.listStatus(output))
        .map(status -> status.getPath().getName()).toList(), "only the embeddings are kept");

    List<String> resume = clusterArgs(output);
    resume.add("--resume");
    exit = ToolRunner.run(new Configuration(), new PipelineTool(), resume.toArray(String[]::new));
    assertEquals(0, exit, () -> "the resumed cluster run failed; " + logs.excerpt());
    assertEquals(embedJob, cluster.latestJob("fruits-embed"), "no new embed job");
    FeatureTable table = FeatureTable.read(hdfs.getConf(), output, hdfsInput);
    assertRowsOfTheCleanRun(table);
  }

  /**
   * The driver, a {@code hadoop jar}-like child JVM, gets SIGTERM while its embed job runs on
   * YARN: it kills the job, so no application keeps running and writing, and removes the run's
   * folder; it exits with 143 like any JVM ended by SIGTERM.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aDriverStoppedWithSigtermKillsItsJobOnYarn() throws Exception {
    Path output = output("stopped");
    java.nio.file.Path log = temp.resolve("stopped-driver.log");
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run"));
    command.addAll(clusterArgs(output));
    Process driver = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    JobID running = null;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (running == null && driver.isAlive() && System.nanoTime() < deadline) {
      running = cluster.unfinishedJobs().stream().findFirst().orElse(null);
      Thread.sleep(200);
    }
    assertTrue(running != null && driver.isAlive(),
        () -> "no job of the driver ran on YARN: " + read(log));
    driver.destroy();
    assertTrue(driver.waitFor(2, TimeUnit.MINUTES), "the driver ignored SIGTERM");
    assertEquals(143, driver.exitValue(), () -> read(log));
    assertTrue(read(log).contains("stopping during stage 'embed'"), () -> read(log));

    deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!cluster.unfinishedJobs().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(List.of(), cluster.unfinishedJobs(), () -> "jobs left running on YARN:\n"
        + read(log));
    assertEquals(JobStatus.State.KILLED, cluster.state(running), () -> read(log));
    assertFalse(hdfs.exists(output), () -> "the stopped run's folder is left:\n" + read(log));
  }

  /**
   * {@code train} and {@code classify} as MapReduce jobs in containers, from the shaded jar
   * (LIBLINEAR and the classifier's ONNX model among its contents): the classifier trained on
   * the clean run's features labels the photos it was trained on, apart from a few of its 20 %
   * held out, correctly, and writes one prediction per photo. Both ran as jobs on YARN: the
   * train job sampled every row of the clean run, and the classify job embedded every photo.
   */
  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aClassifierIsTrainedAndAppliedInContainers() throws Exception {
    JobID before = cluster.latestJob("fruits-project");
    Path run = output("clean");
    String[] onCluster = {"-conf", cluster.siteFile().getPath(),
        "-D", MRJobConfig.JAR + "=" + jobJar.getPath()};
    List<String> train = new ArrayList<>(List.of("train"));
    train.addAll(List.of(onCluster));
    train.addAll(List.of("--run", run.toString(), "--overwrite"));
    assertEquals(0, Main.run(train.toArray(String[]::new)), logs::excerpt);
    Path model = new Path(run, "classifier/classifier.onnx");
    assertTrue(hdfs.exists(model) && hdfs.exists(new Path(run, "classifier/labels.txt")));
    JobID trainJob = cluster.latestJob("fruits-train");
    assertTrue(trainJob.compareTo(before) > 0, "no new train job: " + trainJob);
    Counters trained = cluster.counters(trainJob);
    assertEquals(IMAGES, trained.findCounter(SampleMapper.Counters.ROWS_READ).getValue());
    assertEquals(CLASSES, trained.findCounter(TrainReducer.Counters.LABELS).getValue());
    assertEquals(IMAGES, trained.findCounter(TrainReducer.Counters.ROWS_TRAINED).getValue()
        + trained.findCounter(TrainReducer.Counters.ROWS_HELD_OUT).getValue());

    Path classified = output("classified");
    List<String> classify = new ArrayList<>(List.of("classify"));
    classify.addAll(List.of(onCluster));
    classify.addAll(List.of("--model", model.toString(), "--input", hdfsInput.toString(),
        "--output", classified.toString()));
    assertEquals(0, Main.run(classify.toArray(String[]::new)), logs::excerpt);
    List<org.apache.parquet.example.data.Group> predictions =
        ParquetRows.read(hdfs.getConf(), new Path(classified, "predictions"));
    assertEquals(IMAGES, predictions.size());
    JobID classifyJob = cluster.latestJob("fruits-classify");
    assertTrue(classifyJob.compareTo(trainJob) > 0, "no new classify job: " + classifyJob);
    assertEquals(IMAGES, cluster.counters(classifyJob)
        .findCounter(EmbedMapper.Counters.IMAGES_EMBEDDED).getValue(), logs::excerpt);
    Set<String> photos = new TreeSet<>();
    RemoteIterator<LocatedFileStatus> listed = hdfs.listFiles(hdfsInput, true);
    while (listed.hasNext()) {
      photos.add(listed.next().getPath().toUri().getPath());
    }
    assertEquals(IMAGES, photos.size());
    Set<String> predicted = new TreeSet<>();
    predictions.forEach(row -> predicted.add(new Path(row.getString("path", 0)).toUri().getPath()));
    assertEquals(photos, predicted, "one prediction for each photo of the input");
    long correct = predictions.stream()
        .filter(row -> row.getString("label", 0).equals(row.getString("predicted", 0))).count();
    assertTrue(correct >= IMAGES - 3, correct + " of " + IMAGES + " correct");
  }

  /** The clean run's labels and features exactly, and its PCA scores to 1e-5. */
  private static void assertRowsOfTheCleanRun(FeatureTable table) {
    assertEquals(clean.table().labels(), table.labels());
    for (String path : clean.table().rows().keySet()) {
      FeatureTable.Row expected = clean.table().rows().get(path);
      FeatureTable.Row actual = table.rows().get(path);
      assertArrayEquals(expected.features(), actual.features(), path);
      assertArrayEquals(expected.pca(), actual.pca(), 1e-5f, path);
    }
  }

  private static String read(java.nio.file.Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** The arguments of a cluster run into {@code output}, as {@link #runOnCluster} passes them. */
  private static List<String> clusterArgs(Path output, String... generic) {
    List<String> all = new ArrayList<>(List.of("-conf", cluster.siteFile().getPath(),
        "-D", MRJobConfig.JAR + "=" + jobJar.getPath()));
    all.addAll(List.of(generic));
    return new ArrayList<>(List.of(args(hdfsInput, output, hdfsModel, all.toArray(String[]::new))));
  }

  /** The {@code run} arguments shared by the local and the cluster runs. */
  private static String[] args(Path input, Path output, Path model, String... generic) {
    List<String> args = new ArrayList<>(List.of(generic));
    args.addAll(List.of(
        "-D", IngestKeys.SPLIT_SIZE.key() + "=" + SPLIT_BYTES,
        "-D", PcaKeys.REDUCERS.key() + "=" + REDUCERS,
        "-D", ModelKeys.INTRA_OP_THREADS.key() + "=1",
        "--input", input.toString(), "--output", output.toString(), "--model", model.toString(),
        "--batch-size", String.valueOf(BATCH), "--pca-k", String.valueOf(PCA_K)));
    return args.toArray(String[]::new);
  }

  /** Runs the pipeline on the cluster into {@code /runs/<name>}, as {@code hadoop jar} would. */
  private static ClusterRun runOnCluster(String name) throws Exception {
    Path output = output(name);
    int exit = ToolRunner.run(new Configuration(), new PipelineTool(),
        args(hdfsInput, output, hdfsModel,
            "-conf", cluster.siteFile().getPath(),
            "-D", MRJobConfig.JAR + "=" + jobJar.getPath()));
    assertEquals(0, exit, () -> "the " + name + " cluster run failed; " + logs.excerpt());
    JobID embedJob = cluster.latestJob("fruits-embed");
    RunSummary summary;
    try (InputStream in = hdfs.open(new Path(output, "summary.json"))) {
      summary = RunSummary.readJson(in);
    }
    return new ClusterRun(summary, FeatureTable.read(hdfs.getConf(), output, hdfsInput), embedJob,
        cluster.counters(embedJob));
  }

  private static Path output(String name) {
    return hdfs.makeQualified(new Path("/runs/" + name));
  }

  /** Settings of the cluster itself and job defaults; see the class comment for each. */
  private static Configuration clusterSettings() {
    Configuration conf = new YarnConfiguration();
    conf.setInt(HdfsClientConfigKeys.DFS_REPLICATION_KEY, 1);
    conf.setInt(Job.SUBMIT_REPLICATION, 1);
    conf.setInt(YarnConfiguration.NM_PMEM_MB, 3072);
    conf.setInt(YarnConfiguration.NM_VCORES, 2);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 2048);
    conf.setBoolean(MRConfig.MAPREDUCE_MINICLUSTER_CONTROL_RESOURCE_MONITORING, true);
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, true);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    conf.set(YarnConfiguration.NM_ADMIN_USER_ENV,
        "MALLOC_ARENA_MAX=2,JAVA_HOME=" + System.getProperty("java.home"));

    conf.setInt(MRJobConfig.MR_AM_VMEM_MB, 1024);
    conf.set(MRJobConfig.MR_AM_COMMAND_OPTS, "-Xmx512m");
    conf.setInt(MRJobConfig.MAP_MEMORY_MB, 1024);
    conf.set(MRJobConfig.MAP_JAVA_OPTS, "-Xmx512m");
    conf.setInt(MRJobConfig.REDUCE_MEMORY_MB, 1024);
    conf.set(MRJobConfig.REDUCE_JAVA_OPTS, "-Xmx512m");
    conf.setInt(MRJobConfig.MAP_CPU_VCORES, 1);
    conf.setInt(MRJobConfig.REDUCE_CPU_VCORES, 1);
    conf.setInt(MRJobConfig.IO_SORT_MB, 32);
    conf.setInt(MRJobConfig.MAP_MAX_ATTEMPTS, 2);
    conf.setBoolean(MRJobConfig.MAP_SPECULATIVE, false);
    conf.setBoolean(MRJobConfig.REDUCE_SPECULATIVE, false);
    conf.setFloat(MRJobConfig.COMPLETED_MAPS_FOR_REDUCE_SLOWSTART, 1f);
    conf.setInt(Job.COMPLETION_POLL_INTERVAL_KEY, 500);
    return conf;
  }
}
