package io.fruits.pipeline.incremental;

import io.fruits.pipeline.ingest.ImageLister;
import io.fruits.pipeline.ingest.ImageListing;
import io.fruits.pipeline.ingest.UnreadableFolders;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * How the input differs from what a previous run embedded. An image is reused when a file of the
 * same path, size and modification time was embedded before; every other listed image is to be
 * embedded. Previous images that are gone, or whose file changed, are dropped: their rows leave
 * the output and their rows' contribution leaves the PCA sums.
 */
public record InputChanges(long listed, long reused, List<PreviousImage> dropped,
    UnreadableFolders unreadable) {

  public InputChanges {
    dropped = Collections.unmodifiableList(dropped);
  }

  /**
   * Lists {@code input} once, compares every image file with {@code previous} by path, and adds
   * the images to embed to {@code toEmbed}.
   */
  public static InputChanges compare(Configuration conf, Path input,
      Map<String, PreviousImage> previous, ImageListing.Writer toEmbed) throws IOException {
    Map<String, PreviousImage> unseen = new HashMap<>(previous);
    List<PreviousImage> dropped = new ArrayList<>();
    long[] counts = new long[2];
    UnreadableFolders unreadable = new ImageLister(conf).walk(input, image -> {
      counts[0]++;
      PreviousImage before = unseen.remove(image.getPath().toString());
      if (before != null && before.sameFileAs(image)) {
        counts[1]++;
      } else {
        toEmbed.add(image);
        if (before != null) {
          dropped.add(before);
        }
      }
      return true;
    });
    dropped.addAll(unseen.values());
    return new InputChanges(counts[0], counts[1], dropped, unreadable);
  }

  /** The dropped images as file statuses, for an {@link ImageListing}. */
  public List<FileStatus> droppedFiles() {
    List<FileStatus> files = new ArrayList<>(dropped.size());
    for (PreviousImage image : dropped) {
      files.add(image.toFileStatus());
    }
    return files;
  }
}
