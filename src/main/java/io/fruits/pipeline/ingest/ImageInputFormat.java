package io.fruits.pipeline.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.CombineFileRecordReader;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;

/**
 * Lists image files recursively under the input paths and packs many small files into each split,
 * so the number of map tasks follows bytes ({@link IngestKeys#SPLIT_SIZE}), not files. Each record
 * is one whole file: key = its path, value = an {@link ImageFile}.
 */
public class ImageInputFormat extends CombineFileInputFormat<Text, ImageFile> {

  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return false;
  }

  @Override
  public List<InputSplit> getSplits(JobContext job) throws IOException {
    setMaxSplitSize(IngestKeys.SPLIT_SIZE.getLong(job.getConfiguration()));
    return super.getSplits(job);
  }

  /** Lists the image files under every input path (see {@link ImageLister}). */
  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    ImageLister lister = new ImageLister(job.getConfiguration());
    List<FileStatus> images = new ArrayList<>();
    for (Path root : getInputPaths(job)) {
      lister.walk(root, image -> {
        images.add(image);
        return true;
      });
    }
    return images;
  }

  @Override
  public RecordReader<Text, ImageFile> createRecordReader(InputSplit split, TaskAttemptContext context)
      throws IOException {
    return new CombineFileRecordReader<>((CombineFileSplit) split, context, WholeFileReader.class);
  }

  /** Reads the file at one index of a combined split as a single record. */
  public static class WholeFileReader extends RecordReader<Text, ImageFile> {

    private final Path path;
    private final long length;
    private final Configuration conf;
    private final Text key = new Text();
    private final ImageFile value;
    private boolean done;

    /** The signature {@link CombineFileRecordReader} instantiates by reflection. */
    public WholeFileReader(CombineFileSplit split, TaskAttemptContext context, Integer index) {
      this(split.getPath(index), split.getLength(index), context.getConfiguration(), new ImageFile());
    }

    WholeFileReader(Path path, long length, Configuration conf, ImageFile value) {
      this.path = path;
      this.length = length;
      this.conf = conf;
      this.value = value;
    }

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) {
      // Everything needed was passed to the constructor.
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      if (done) {
        return false;
      }
      done = true;
      key.set(path.toString());
      ImageFileReading.read(path, length, conf, value);
      return true;
    }

    @Override
    public Text getCurrentKey() {
      return key;
    }

    @Override
    public ImageFile getCurrentValue() {
      return value;
    }

    @Override
    public float getProgress() {
      return done ? 1f : 0f;
    }

    @Override
    public void close() {
      // The file's stream is closed as soon as it has been read.
    }
  }
}
