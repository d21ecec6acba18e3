package io.fruits.pipeline.testing;

import io.fruits.pipeline.incremental.InputChanges;
import io.fruits.pipeline.ingest.ImageListing;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;

/**
 * An incremental run's comparison at scale: a previous output's {@code images/} of about
 * {@code <rows>} rows, against a {@link SyntheticFileSystem} input holding those images plus 1 %
 * new ones, less 0.1 % of the previous rows, which are gone:
 * {@code IncrementalBench <rows> <work-folder>}. Prints time and heap; run by
 * {@code scripts/bench.sh --incremental}.
 */
public final class IncrementalBench {

  private static final int FOLDERS = 1000;

  private IncrementalBench() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args[0]);
    Path work = new Path(args[1]);
    Configuration conf = new Configuration();
    SyntheticFileSystem.install(conf);
    long files = rows + rows / 100;
    Path root = SyntheticFileSystem.root(files, FOLDERS);
    Path images = new Path(work, "images");
    long[] written = writePreviousImages(conf, root, files, new Path(images, "part-m-00000"));
    long previousRows = written[0];
    long gone = written[1];
    long newFiles = files - (previousRows - gone);
    HeapUse.resetPeaks();

    long start = System.nanoTime();
    InputChanges changes;
    try (ImageListing.Writer toEmbed = ImageListing.create(conf, new Path(work, "to-embed.listing"));
        ImageListing.Writer toDrop = ImageListing.create(conf, new Path(work, "dropped.listing"))) {
      changes = InputChanges.compare(conf, root, images, toEmbed, toDrop);
      if (toEmbed.files() != newFiles || changes.dropped() != gone
          || changes.reused() != previousRows - gone || changes.previousImages() != previousRows) {
        throw new AssertionError("expected " + newFiles + " new, " + gone + " gone: " + changes);
      }
    }
    long done = System.nanoTime();
    System.out.printf("incremental: %,d previous rows, %,d listed (%,d new, %,d gone): compare"
            + " %.1f s, peak heap %,d MB, live heap %,d MB, max heap %,d MB%n",
        previousRows, changes.listed(), newFiles, gone, (done - start) / 1e9, HeapUse.peak() >> 20,
        HeapUse.live() >> 20, Runtime.getRuntime().maxMemory() >> 20);
  }

  /**
   * Writes the previous images: the tree's files but every 101st (the new ones), and in place of
   * every 1,000th row one that is gone from the input. Returns how many rows, how many gone.
   */
  private static long[] writePreviousImages(Configuration conf, Path root, long files, Path part)
      throws Exception {
    long gone = 0;
    long row = 0;
    try (SequenceFile.Writer out = SequenceFile.createWriter(conf, SequenceFile.Writer.file(part),
        SequenceFile.Writer.keyClass(NullWritable.class),
        SequenceFile.Writer.valueClass(FileStatus.class))) {
      for (long i = 0; i < files; i++) {
        if (i % 101 == 100) {
          continue;
        }
        Path path = SyntheticFileSystem.file(root, files, FOLDERS, i);
        if (row++ % 1000 == 999) {
          path = new Path(path.getParent(), "gone-" + i + ".jpg");
          gone++;
        }
        out.append(NullWritable.get(), new FileStatus(SyntheticFileSystem.length(i), false, 1, 0,
            SyntheticFileSystem.modified(i), path));
      }
    }
    return new long[] {row, gone};
  }
}
