package io.fruits.pipeline.testing;

import io.fruits.pipeline.incremental.DroppedImages;
import io.fruits.pipeline.incremental.InputChanges;
import io.fruits.pipeline.ingest.ImageListing;
import java.io.IOException;
import java.lang.ref.Reference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;

/**
 * An incremental run's comparison at scale: a previous output's {@code images/} of about
 * {@code <rows>} rows, against a {@link SyntheticFileSystem} input holding those images plus 1 %
 * new ones, less every {@code <gone-every>}-th previous row (default 1,000), which is gone:
 * {@code IncrementalBench <rows> <work-folder> [<gone-every>]}. Prints the driver's comparison
 * time and heap, then a task's side: looking every previous row up among the dropped ones
 * ({@link DroppedImages}, as {@code PreviousRowMapper} does). Run by
 * {@code scripts/bench.sh --incremental}.
 */
public final class IncrementalBench {

  private static final int FOLDERS = 1000;

  private IncrementalBench() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args[0]);
    Path work = new Path(args[1]);
    long goneEvery = args.length > 2 ? Long.parseLong(args[2]) : 1000;
    Configuration conf = new Configuration();
    SyntheticFileSystem.install(conf);
    long files = rows + rows / 100;
    Path root = SyntheticFileSystem.root(files, FOLDERS);
    Path images = new Path(work, "images");
    Path previousPart = new Path(images, "part-m-00000");
    long[] written = writePreviousImages(conf, root, files, goneEvery, previousPart);
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

    long readStart = System.nanoTime();
    countDropped(conf, previousPart, null);
    long readAlone = System.nanoTime() - readStart;
    long before = HeapUse.live();
    long loadStart = System.nanoTime();
    DroppedImages dropped = DroppedImages.load(conf, new Path(work, "dropped.listing"));
    long loaded = System.nanoTime();
    long found = countDropped(conf, previousPart, dropped);
    long looked = System.nanoTime() - readAlone;
    long held = HeapUse.live() - before;
    Reference.reachabilityFence(dropped);
    if (found != gone) {
      throw new AssertionError("found " + found + " dropped rows of " + gone);
    }
    System.out.printf("task side: %,d dropped paths loaded in %.1f s, holding %.1f MB;"
            + " %,d previous rows looked up in %.1f s (%.2f µs per row, beyond reading them)%n",
        gone, (loaded - loadStart) / 1e9, held / 1e6, previousRows, (looked - loaded) / 1e9,
        (looked - loaded) / 1e3 / previousRows);
  }

  /** Reads the previous rows and counts those {@code dropped} holds; only reads them when null. */
  private static long countDropped(Configuration conf, Path previousPart, DroppedImages dropped)
      throws IOException {
    long found = 0;
    try (SequenceFile.Reader in = new SequenceFile.Reader(conf,
        SequenceFile.Reader.file(previousPart))) {
      FileStatus image = new FileStatus();
      while (in.next(NullWritable.get(), image)) {
        if (dropped != null && dropped.contains(image.getPath().toString())) {
          found++;
        }
      }
    }
    return found;
  }

  /**
   * Writes the previous images: the tree's files but every 101st (the new ones), and in place of
   * every {@code goneEvery}-th row one that is gone from the input. Returns how many rows, how
   * many gone.
   */
  private static long[] writePreviousImages(Configuration conf, Path root, long files,
      long goneEvery, Path part)
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
        if (row++ % goneEvery == goneEvery - 1) {
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
