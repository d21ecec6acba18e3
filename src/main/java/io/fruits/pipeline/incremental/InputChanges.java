package io.fruits.pipeline.incremental;

import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.ingest.ImageLister;
import io.fruits.pipeline.ingest.ImageListing;
import io.fruits.pipeline.ingest.UnreadableFolders;
import io.fruits.pipeline.output.OutputImages;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;

/**
 * How the input differs from what a previous run embedded. An image is reused when a file of the
 * same path, size and modification time was embedded before; every other listed image is to be
 * embedded. Previous images that are gone, or whose file changed, are dropped: their rows leave
 * the output and their rows' contribution leaves the PCA sums.
 *
 * <p>Both sides are written to local SequenceFiles, sorted by path with Hadoop's external
 * {@link SequenceFile.Sorter} (bounded memory, spilling to disk) and merged in one pass, so the
 * driver's memory does not grow with the number of images on either side.
 */
public record InputChanges(long listed, long reused, long dropped, long previousImages,
    UnreadableFolders unreadable) {

  /** Memory the sorter may use for its in-memory runs. */
  private static final int SORT_MEMORY = 64 << 20;

  /**
   * Lists {@code input} once, compares every image file by path with those of a previous
   * output's {@code images/} folder ({@link PreviousOutput#imagesFolder()}), and adds the images
   * to embed to {@code toEmbed} and the previous images to drop to {@code toDrop}, both in path
   * order. {@link #previousImages()} is for {@link PreviousOutput#checkImageCount(long)}.
   *
   * @throws InvalidConfigException when the previous listing holds an image twice
   */
  public static InputChanges compare(Configuration conf, Path input, Path previousImages,
      ImageListing.Writer toEmbed, ImageListing.Writer toDrop) throws IOException {
    FileSystem local = FileSystem.getLocal(conf);
    Path work = new Path(Files.createTempDirectory("fruits-changes").toUri());
    try {
      Path listedFiles = new Path(work, "listed");
      UnreadableFolders unreadable;
      try (SequenceFile.Writer out = writer(conf, listedFiles)) {
        Text path = new Text();
        ListedFile facts = new ListedFile();
        unreadable = new ImageLister(conf).walk(input, image -> {
          path.set(image.getPath().toString());
          facts.set(image.getLen(), image.getModificationTime());
          out.append(path, facts);
          return true;
        });
      }
      Path previousFiles = new Path(work, "previous");
      try (SequenceFile.Writer out = writer(conf, previousFiles)) {
        Text path = new Text();
        ListedFile facts = new ListedFile();
        OutputImages.read(conf, previousImages, image -> {
          path.set(image.getPath().toString());
          facts.set(image.getLen(), image.getModificationTime());
          out.append(path, facts);
        });
      }
      SequenceFile.Sorter sorter = new SequenceFile.Sorter(local, Text.class, ListedFile.class, conf);
      sorter.setMemory(SORT_MEMORY);
      Path listedSorted = new Path(work, "listed.sorted");
      Path previousSorted = new Path(work, "previous.sorted");
      sorter.sort(new Path[] {listedFiles}, listedSorted, true);
      sorter.sort(new Path[] {previousFiles}, previousSorted, true);
      return merge(conf, listedSorted, previousSorted, previousImages, toEmbed, toDrop, unreadable);
    } finally {
      local.delete(work, true);
    }
  }

  private static InputChanges merge(Configuration conf, Path listedSorted, Path previousSorted,
      Path previousImages, ImageListing.Writer toEmbed, ImageListing.Writer toDrop,
      UnreadableFolders unreadable) throws IOException {
    long listed = 0;
    long reused = 0;
    long previousRows = 0;
    try (Side now = new Side(conf, listedSorted);
        Side before = new Side(conf, previousSorted)) {
      now.advance();
      before.advance();
      Text lastPrevious = new Text();
      while (now.present || before.present) {
        int order = !now.present ? 1 : !before.present ? -1 : now.path.compareTo(before.path);
        if (order >= 0) {
          previousRows++;
          if (before.path.equals(lastPrevious)) {
            throw new InvalidConfigException("previous output is damaged: " + previousImages
                + " lists " + before.path + " twice; run without --incremental");
          }
          lastPrevious.set(before.path);
        }
        if (order < 0) {
          listed++;
          toEmbed.add(now.path.toString(), now.facts.length(), now.facts.modified());
          now.advance();
        } else if (order > 0) {
          toDrop.add(before.path.toString(), before.facts.length(), before.facts.modified());
          before.advance();
        } else {
          listed++;
          if (now.facts.sameAs(before.facts)) {
            reused++;
          } else {
            toEmbed.add(now.path.toString(), now.facts.length(), now.facts.modified());
            toDrop.add(before.path.toString(), before.facts.length(), before.facts.modified());
          }
          now.advance();
          before.advance();
        }
      }
    }
    return new InputChanges(listed, reused, toDrop.files(), previousRows, unreadable);
  }

  private static SequenceFile.Writer writer(Configuration conf, Path file) throws IOException {
    // Uncompressed: Hadoop's default compresses each record, a third of the comparison's time.
    return SequenceFile.createWriter(conf, SequenceFile.Writer.file(file),
        SequenceFile.Writer.keyClass(Text.class), SequenceFile.Writer.valueClass(ListedFile.class),
        SequenceFile.Writer.compression(SequenceFile.CompressionType.NONE));
  }

  /** One sorted side of the merge, positioned on its current record. */
  private static final class Side implements AutoCloseable {
    private final SequenceFile.Reader reader;
    private final Text path = new Text();
    private final ListedFile facts = new ListedFile();
    private boolean present;

    Side(Configuration conf, Path file) throws IOException {
      reader = new SequenceFile.Reader(conf, SequenceFile.Reader.file(file));
    }

    void advance() throws IOException {
      present = reader.next(path, facts);
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
