package io.fruits.pipeline.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * The images of the {@link ImageListing} files given as input paths, which the driver wrote while
 * it listed the input, packed into splits by bytes and work ({@link SplitSizing}), not files.
 * Splits are computed in one pass over the listings and name byte ranges of them
 * ({@link ListingSplit}), so the driver holds one split per task, never an entry per image. Each
 * record is one whole file: key = its path, value = an {@link ImageFile}.
 */
public class ImageInputFormat extends InputFormat<Text, ImageFile> {

  /**
   * Packs consecutive images of each listing into splits until {@link SplitSizing#full}: as {@code
   * CombineFileInputFormat} does, a split ends with the image that takes it to a limit, so
   * {@code n} equal shares make {@code n} splits, not {@code n} and a small remainder.
   */
  @Override
  public List<InputSplit> getSplits(JobContext job) throws IOException {
    Configuration conf = job.getConfiguration();
    List<ImageListing.Reader> listings = new ArrayList<>();
    try {
      long files = 0;
      long bytes = 0;
      for (Path listing : FileInputFormat.getInputPaths(job)) {
        Path qualified = listing.getFileSystem(conf).makeQualified(listing);
        ImageListing.Reader reader = ImageListing.open(conf, qualified);
        listings.add(reader);
        files += reader.totals().files();
        bytes += reader.totals().bytes();
      }
      SplitSizing sizing = SplitSizing.of(conf, new ImageListing.Totals(files, bytes));
      List<InputSplit> splits = new ArrayList<>();
      for (ImageListing.Reader listing : listings) {
        addSplits(listing, sizing, splits);
      }
      return splits;
    } finally {
      for (ImageListing.Reader listing : listings) {
        listing.close();
      }
    }
  }

  private static void addSplits(ImageListing.Reader reader, SplitSizing sizing,
      List<InputSplit> splits) throws IOException {
    long start = reader.position();
    long end = start;
    long files = 0;
    long bytes = 0;
    while (reader.next()) {
      files++;
      bytes += reader.length();
      end = reader.position();
      if (sizing.full(files, bytes)) {
        splits.add(new ListingSplit(reader.file(), start, end, files, bytes));
        start = end;
        files = 0;
        bytes = 0;
      }
    }
    if (files > 0) {
      splits.add(new ListingSplit(reader.file(), start, end, files, bytes));
    }
  }

  @Override
  public RecordReader<Text, ImageFile> createRecordReader(InputSplit split,
      TaskAttemptContext context) {
    return new ListingRecordReader();
  }

  /** Reads the images of a {@link ListingSplit}'s range, one whole file per record. */
  static final class ListingRecordReader extends RecordReader<Text, ImageFile> {

    private final Text key = new Text();
    private final ImageFile value = new ImageFile();
    private Configuration conf;
    private ImageListing.Reader listing;
    private long end;
    private long files;
    private long read;

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) throws IOException {
      ListingSplit range = (ListingSplit) split;
      conf = context.getConfiguration();
      listing = ImageListing.open(conf, range.listing(), range.start());
      end = range.end();
      files = range.files();
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      if (listing.position() >= end || !listing.next()) {
        return false;
      }
      read++;
      key.set(listing.path());
      ImageFileReading.read(new Path(listing.path()), listing.length(), listing.modified(), conf,
          value);
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
      return files == 0 ? 1f : (float) read / files;
    }

    @Override
    public void close() throws IOException {
      if (listing != null) {
        listing.close();
      }
    }
  }
}
