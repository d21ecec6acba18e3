package io.fruits.pipeline.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.RawComparator;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mapred.RawKeyValueIterator;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.StatusReporter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.map.WrappedMapper;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.reduce.WrappedReducer;
import org.apache.hadoop.mapreduce.task.JobContextImpl;
import org.apache.hadoop.mapreduce.task.MapContextImpl;
import org.apache.hadoop.mapreduce.task.ReduceContextImpl;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.hadoop.util.Progress;

/**
 * Runs one Mapper or Reducer in memory with a real {@link Configuration}, in the spirit of MRUnit
 * (retired, JUnit 4 only): records go in, and the emitted pairs and the counters come back. Side
 * outputs written with {@code MultipleOutputs} are committed for real into {@code outputDir}.
 */
public final class MapReduceHarness {

  /** What a task emitted. Keys and values are copies, safe to keep. */
  public record Run<K, V>(List<Map.Entry<K, V>> output, Counters counters) {
    public long counter(Enum<?> counter) {
      return counters.findCounter(counter).getValue();
    }
  }

  private MapReduceHarness() {}

  public static <KI, VI, KO, VO> Run<KO, VO> runMapper(Mapper<KI, VI, KO, VO> mapper,
      Configuration conf, Path outputDir, List<Map.Entry<KI, VI>> input)
      throws IOException, InterruptedException {
    TaskAttemptID attempt = new TaskAttemptID("harness", 1, TaskType.MAP, 0, 0);
    Task task = new Task(conf, outputDir, attempt);
    Capture<KO, VO> writer = new Capture<>(conf);
    MapContextImpl<KI, VI, KO, VO> context = new MapContextImpl<>(task.conf, attempt,
        new ListReader<>(input), writer, task.committer, task.reporter, null);
    mapper.run(new WrappedMapper<KI, VI, KO, VO>().getMapContext(context));
    task.commit();
    return new Run<>(writer.pairs, task.counters);
  }

  /** Runs the reducer over one key group per map entry, in the map's iteration order. */
  public static <KI, VI, KO, VO> Run<KO, VO> runReducer(Reducer<KI, VI, KO, VO> reducer,
      Configuration conf, Path outputDir, Map<KI, List<VI>> groups, Class<KI> keyClass,
      Class<VI> valueClass) throws IOException, InterruptedException {
    TaskAttemptID attempt = new TaskAttemptID("harness", 1, TaskType.REDUCE, 0, 0);
    Task task = new Task(conf, outputDir, attempt);
    Capture<KO, VO> writer = new Capture<>(conf);
    for (Map.Entry<KI, List<VI>> group : groups.entrySet()) {
      SerializedGroup<KI, VI> input = new SerializedGroup<>(task.conf, group.getKey(), group.getValue());
      ReduceContextImpl<KI, VI, KO, VO> context = new ReduceContextImpl<>(task.conf, attempt,
          input, task.reporter.getCounter("harness", "keys"), task.reporter.getCounter("harness", "values"),
          writer, task.committer, task.reporter, comparator(keyClass), keyClass, valueClass);
      reducer.run(new WrappedReducer<KI, VI, KO, VO>().getReducerContext(context));
    }
    task.commit();
    return new Run<>(writer.pairs, task.counters);
  }

  /** The job and task around one attempt: counters, and a committer for side outputs. */
  private static final class Task {
    final Configuration conf;
    final Counters counters = new Counters();
    final StatusReporter reporter;
    final FileOutputCommitter committer;
    final JobContext job;
    final TaskAttemptContext attemptContext;

    Task(Configuration base, Path outputDir, TaskAttemptID attempt) throws IOException {
      conf = new Configuration(base);
      conf.set(FileOutputFormat.OUTDIR, outputDir.toString());
      reporter = new CountingReporter(counters);
      job = new JobContextImpl(conf, new JobID("harness", 1));
      attemptContext = new TaskAttemptContextImpl(conf, attempt, reporter);
      committer = new FileOutputCommitter(outputDir, attemptContext);
      committer.setupJob(job);
      committer.setupTask(attemptContext);
    }

    void commit() throws IOException {
      if (committer.needsTaskCommit(attemptContext)) {
        committer.commitTask(attemptContext);
      }
      committer.commitJob(job);
    }
  }

  private static final class CountingReporter extends StatusReporter {
    private final Counters counters;

    CountingReporter(Counters counters) {
      this.counters = counters;
    }

    @Override
    public org.apache.hadoop.mapreduce.Counter getCounter(Enum<?> name) {
      return counters.findCounter(name);
    }

    @Override
    public org.apache.hadoop.mapreduce.Counter getCounter(String group, String name) {
      return counters.findCounter(group, name);
    }

    @Override
    public void progress() {}

    @Override
    public float getProgress() {
      return 0;
    }

    @Override
    public void setStatus(String status) {}
  }

  /** Hands out the given records in order, as a task's record reader. */
  public static final class ListReader<K, V> extends RecordReader<K, V> {
    private final Iterator<Map.Entry<K, V>> records;
    private Map.Entry<K, V> current;

    public ListReader(List<Map.Entry<K, V>> records) {
      this.records = records.iterator();
    }

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) {}

    @Override
    public boolean nextKeyValue() {
      current = records.hasNext() ? records.next() : null;
      return current != null;
    }

    @Override
    public K getCurrentKey() {
      return current.getKey();
    }

    @Override
    public V getCurrentValue() {
      return current.getValue();
    }

    @Override
    public float getProgress() {
      return 0;
    }

    @Override
    public void close() {}
  }

  /** Keeps copies of what the task writes, as Hadoop would serialise it. */
  private static final class Capture<K, V> extends RecordWriter<K, V> {
    private final Configuration conf;
    final List<Map.Entry<K, V>> pairs = new ArrayList<>();

    Capture(Configuration conf) {
      this.conf = conf;
    }

    @Override
    public void write(K key, V value) {
      pairs.add(Map.entry(copy(key), copy(value)));
    }

    @SuppressWarnings("unchecked")
    private <T> T copy(T object) {
      return object instanceof Writable writable ? (T) WritableUtils.clone(writable, conf) : object;
    }

    @Override
    public void close(TaskAttemptContext context) {}
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static RawComparator comparator(Class<?> keyClass) {
    return WritableComparator.get((Class) keyClass.asSubclass(WritableComparable.class));
  }

  /** One key group serialised the way the shuffle hands it to a reducer. */
  private static final class SerializedGroup<K, V> implements RawKeyValueIterator {
    private final byte[] key;
    private final List<byte[]> values = new ArrayList<>();
    private final DataInputBuffer keyBuffer = new DataInputBuffer();
    private final DataInputBuffer valueBuffer = new DataInputBuffer();
    private int index = -1;

    SerializedGroup(Configuration conf, K key, List<V> values) throws IOException {
      this.key = serialize((Writable) key);
      for (V value : values) {
        this.values.add(serialize((Writable) value));
      }
    }

    private static byte[] serialize(Writable writable) throws IOException {
      DataOutputBuffer out = new DataOutputBuffer();
      writable.write(out);
      return java.util.Arrays.copyOf(out.getData(), out.getLength());
    }

    @Override
    public DataInputBuffer getKey() {
      keyBuffer.reset(key, key.length);
      return keyBuffer;
    }

    @Override
    public DataInputBuffer getValue() {
      byte[] value = values.get(index);
      valueBuffer.reset(value, value.length);
      return valueBuffer;
    }

    @Override
    public boolean next() {
      index++;
      return index < values.size();
    }

    @Override
    public void close() {}

    @Override
    public Progress getProgress() {
      return new Progress();
    }
  }
}
