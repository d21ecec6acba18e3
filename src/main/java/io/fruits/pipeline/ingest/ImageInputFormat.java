package io.fruits.pipeline.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** The listing of the current {@link #getSplits} call, so the input is listed once. */
  private List<FileStatus> listing;

  /**
   * Packs the files into splits of at most {@link IngestKeys#SPLIT_SIZE} bytes, smaller when
   * that is needed to make {@link IngestKeys#MIN_SPLITS} splits.
   */
  @Override
  public List<InputSplit> getSplits(JobContext job) throws IOException {
    listing = listImages(job);
    try {
      long total = 0;
      for (FileStatus file : listing) {
        total += file.getLen();
      }
      setMaxSplitSize(maxSplitSize(job.getConfiguration(), total));
      return withModificationTimes(super.getSplits(job), listing);
    } finally {
      listing = null;
    }
  }

  /**
   * The split size for {@code totalBytes} of images: {@link IngestKeys#SPLIT_SIZE}, smaller when
   * that is needed to make {@link IngestKeys#MIN_SPLITS} splits.
   */
  public static long maxSplitSize(Configuration conf, long totalBytes) {
    long minSplits = Math.max(1, IngestKeys.MIN_SPLITS.getInt(conf));
    long spread = Math.max(1, (totalBytes + minSplits - 1) / minSplits);
    return Math.min(IngestKeys.SPLIT_SIZE.getLong(conf), spread);
  }

  private static List<InputSplit> withModificationTimes(List<InputSplit> splits,
      List<FileStatus> listing) throws IOException {
    Map<Path, Long> times = new HashMap<>();
    for (FileStatus file : listing) {
      times.put(file.getPath(), file.getModificationTime());
    }
    List<InputSplit> result = new ArrayList<>(splits.size());
    for (InputSplit split : splits) {
      CombineFileSplit combined = (CombineFileSplit) split;
      long[] modified = new long[combined.getNumPaths()];
      for (int i = 0; i < modified.length; i++) {
        modified[i] = times.get(combined.getPath(i));
      }
      result.add(new ImageSplit(combined, modified));
    }
    return result;
  }

  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    return listing != null ? listing : listImages(job);
  }

  /** The image files under every input path (see {@link ImageLister}). */
  protected List<FileStatus> listImages(JobContext job) throws IOException {
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
    private final long modified;
    private final Configuration conf;
    private final Text key = new Text();
    private final ImageFile value;
    private boolean done;

    /** The signature {@link CombineFileRecordReader} instantiates by reflection. */
    public WholeFileReader(CombineFileSplit split, TaskAttemptContext context, Integer index) {
      this(split.getPath(index), split.getLength(index),
          ((ImageSplit) split).getModificationTime(index), context.getConfiguration(),
          new ImageFile());
    }

    WholeFileReader(Path path, long length, long modified, Configuration conf, ImageFile value) {
      this.path = path;
      this.length = length;
      this.modified = modified;
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
      ImageFileReading.read(path, length, modified, conf, value);
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
