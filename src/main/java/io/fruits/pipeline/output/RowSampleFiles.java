package io.fruits.pipeline.output;

import io.fruits.pipeline.conf.JobFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.ArrayPrimitiveWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;

/**
 * The projection tasks' shares of a {@link RowSample}, as SequenceFiles in the job's output
 * folder, named with a leading {@code _} so that Parquet readers skip them: per task, the rows per
 * label ({@code _labels-m-*}: Text label, LongWritable count) and the sampled rows
 * ({@code _sample-m-*}: Text label, ArrayPrimitiveWritable of float scores). The driver reads them
 * back into one sample and deletes them.
 */
public final class RowSampleFiles {

  /** Named outputs of the projection job, and the files they write under its output folder. */
  public static final String LABELS = "labels";
  public static final String SAMPLE = "sample";
  public static final String LABELS_FILE = "_labels";
  public static final String SAMPLE_FILE = "_sample";

  private RowSampleFiles() {}

  /** Reads every task's files under {@code folder} into one sample and deletes them. */
  public static RowSample readAndDelete(Configuration conf, Path folder) throws IOException {
    Map<String, Long> perLabel = new TreeMap<>();
    List<String> labels = new ArrayList<>();
    List<float[]> points = new ArrayList<>();
    Text key = new Text();
    LongWritable count = new LongWritable();
    List<Path> labelFiles = JobFiles.named(conf, folder, LABELS_FILE + "-m-");
    List<Path> sampleFiles = JobFiles.named(conf, folder, SAMPLE_FILE + "-m-");
    for (Path file : labelFiles) {
      JobFiles.readEach(conf, file, key, count,
          () -> perLabel.merge(key.toString(), count.get(), Long::sum));
    }
    ArrayPrimitiveWritable scores = new ArrayPrimitiveWritable();
    for (Path file : sampleFiles) {
      JobFiles.readEach(conf, file, key, scores, () -> {
        labels.add(key.toString());
        points.add((float[]) scores.get());
      });
    }
    FileSystem fs = folder.getFileSystem(conf);
    for (Path file : labelFiles) {
      fs.delete(file, false);
    }
    for (Path file : sampleFiles) {
      fs.delete(file, false);
    }
    return new RowSample(perLabel, labels, points);
  }
}
