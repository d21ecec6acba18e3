package io.fruits.pipeline.testing;

import io.fruits.pipeline.ingest.ImageInputFormat;
import io.fruits.pipeline.ingest.ImageLister;
import io.fruits.pipeline.ingest.ImageListing;
import io.fruits.pipeline.ingest.IngestKeys;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * The driver's listing and split computation over a {@link SyntheticFileSystem} tree, as the
 * planner and the embed job's submission do them, with the time and heap they take:
 * {@code ListingBench <files> <folders> <work-folder> [-Dkey=value ...]}. Run by
 * {@code scripts/bench.sh --listing}.
 */
public final class ListingBench {

  private ListingBench() {}

  public static void main(String[] args) throws Exception {
    long files = Long.parseLong(args[0]);
    int folders = Integer.parseInt(args[1]);
    Path work = new Path(args[2]);
    Configuration conf = new Configuration();
    for (int i = 3; i < args.length; i++) {
      String[] kv = args[i].replaceFirst("^-D", "").split("=", 2);
      conf.set(kv[0], kv[1]);
    }
    SyntheticFileSystem.install(conf);
    Path root = SyntheticFileSystem.root(files, folders);
    Path listingFile = new Path(work, "to-embed.listing");
    HeapUse.resetPeaks();

    long start = System.nanoTime();
    long listed;
    try (ImageListing.Writer listing = ImageListing.create(conf, listingFile)) {
      new ImageLister(conf).walk(root, image -> {
        listing.add(image);
        return true;
      });
      listed = listing.files();
    }
    long listedAt = System.nanoTime();
    Job job = Job.getInstance(conf);
    FileInputFormat.setInputPaths(job, listingFile);
    List<InputSplit> splits = new ImageInputFormat().getSplits(job);
    long splitAt = System.nanoTime();
    long live = HeapUse.live();

    double seconds = (splitAt - start) / 1e9;
    System.out.printf("listing: %,d files in %,d folders, %s threads: list %.1f s, splits %.1f s"
            + " (%,d splits), %.2f s per million files; peak heap %,d MB, live heap with splits"
            + " %,d MB, max heap %,d MB%n",
        listed, folders, IngestKeys.LISTING_THREADS.get(conf),
        (listedAt - start) / 1e9, (splitAt - listedAt) / 1e9, splits.size(),
        seconds / (listed / 1e6), HeapUse.peak() >> 20, live >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }
}
