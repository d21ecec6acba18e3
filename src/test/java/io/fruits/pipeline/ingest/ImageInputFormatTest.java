package io.fruits.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInputFormatTest {

  @TempDir Path root;

  @Test
  void listsImagesRecursivelyByExtensionSkippingHiddenAndOtherFiles() throws Exception {
    Set<String> images = new HashSet<>();
    images.add(write("Apple Golden 2/r_19_100.jpg", 10));
    images.add(write("Banana/a.JPEG", 10));
    images.add(write("Banana/deeper/b.png", 10));
    images.add(write("Kiwi/c.Bmp", 10));
    images.add(write("top.jpg", 10));
    write("Kiwi/notes.txt", 10);
    write("Kiwi/noext", 10);
    write("_hidden/d.jpg", 10);
    write("Kiwi/.e.jpg", 10);
    Files.createDirectories(root.resolve("Empty Class"));

    Set<String> listed = new HashSet<>();
    Configuration conf = new Configuration();
    for (InputSplit split : splits(conf)) {
      for (ImageFile image : read(conf, split)) {
        listed.add(new org.apache.hadoop.fs.Path(image.path()).toUri().getPath());
      }
    }
    assertEquals(images, listed);
  }

  @Test
  void packsSmallFilesIntoSplitsBySize() throws Exception {
    int files = 40;
    int size = 1000;
    for (int i = 0; i < files; i++) {
      write("Class" + (i % 4) + "/img" + i + ".jpg", size);
    }
    Configuration conf = new Configuration();
    conf.setLong(IngestKeys.SPLIT_SIZE.key(), 10 * size);
    List<InputSplit> splits = splits(conf);
    long total = 0;
    for (InputSplit split : splits) {
      assertEquals(10L * size, split.getLength());
      total += ((ListingSplit) split).files();
    }
    assertEquals(files, total);
    assertEquals(4, splits.size());
  }

  @Test
  void readsWholeFilesWithPathAndLabel() throws Exception {
    byte[] content = new byte[3000];
    new java.util.Random(7).nextBytes(content);
    Files.createDirectories(root.resolve("Apple Red 1"));
    Files.write(root.resolve("Apple Red 1/x #1 %.jpg"), content);
    write("Apple Red 1/y.jpg", 5);
    Files.setLastModifiedTime(root.resolve("Apple Red 1/x #1 %.jpg"), FileTime.fromMillis(1_600_000_000_000L));
    Files.setLastModifiedTime(root.resolve("Apple Red 1/y.jpg"), FileTime.fromMillis(1_700_000_000_000L));

    Configuration conf = new Configuration();
    List<InputSplit> splits = splits(conf);
    assertEquals(1, splits.size());
    // The split travels to the task serialised, as Hadoop ships it.
    InputSplit split = roundTrip((ListingSplit) splits.get(0));
    TaskAttemptContext context = new TaskAttemptContextImpl(conf, new TaskAttemptID());
    ImageInputFormat format = new ImageInputFormat();
    List<String> paths = new ArrayList<>();
    try (RecordReader<Text, ImageFile> reader = format.createRecordReader(split, context)) {
      reader.initialize(split, context);
      while (reader.nextKeyValue()) {
        ImageFile image = reader.getCurrentValue();
        paths.add(reader.getCurrentKey().toString());
        assertEquals("Apple Red 1", image.label());
        assertNull(image.readError());
        if (image.path().endsWith("x #1 %.jpg")) {
          assertArrayEquals(content, Arrays.copyOf(image.bytes(), image.byteCount()));
          assertEquals(1_600_000_000_000L, image.modified());
        } else {
          assertEquals(5, image.byteCount());
          assertEquals(1_700_000_000_000L, image.modified());
        }
      }
    }
    assertEquals(2, paths.size());
  }

  @Test
  void aFileGoneSinceListingBecomesARecordWithAReadError() throws Exception {
    org.apache.hadoop.fs.Path gone = new org.apache.hadoop.fs.Path(root.resolve("Lemon/gone.jpg").toUri());
    ImageFile image = new ImageFile();
    ImageFileReading.read(gone, 100, 0L, new Configuration(), image);
    assertTrue(image.readError().startsWith("FileNotFoundException"), image.readError());
    assertEquals("Lemon", image.label());
    assertEquals(0, image.byteCount());
  }

  @Test
  void aListingFileReplacesTheWalkOfTheInput() throws Exception {
    String kept = write("Kiwi/a.jpg", 10);
    write("Kiwi/b.jpg", 10);
    String other = write("Lime/c.jpg", 20);
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path listingFile = new org.apache.hadoop.fs.Path(root.resolve("listing.bin").toUri());
    writeListing(conf, listingFile, List.of(status(kept, 10, 123L), status(other, 20, 456L)));
    Job job = Job.getInstance(conf);
    FileInputFormat.setInputPaths(job, listingFile);

    Map<String, Long> listed = new HashMap<>();
    for (InputSplit split : new ImageInputFormat().getSplits(job)) {
      for (ImageFile image : read(conf, split)) {
        listed.put(new org.apache.hadoop.fs.Path(image.path()).toUri().getPath(), image.modified());
      }
    }
    assertEquals(Map.of(kept, 123L, other, 456L), listed);
  }

  /**
   * Splits are consecutive byte ranges of the listing: read one after another they give back
   * every listed image once, in the listing's order, and each ends with the image that takes it
   * to the split size (the last one may stay under it).
   */
  @Test
  void splitsCoverTheListingOnceInOrderByBytes() throws Exception {
    Configuration conf = new Configuration();
    long splitSize = 10_000;
    conf.setLong(IngestKeys.SPLIT_SIZE.key(), splitSize);
    java.util.Random random = new java.util.Random(17);
    List<String> written = new ArrayList<>();
    long bytes = 0;
    org.apache.hadoop.fs.Path listingFile = new org.apache.hadoop.fs.Path(root.resolve("many.listing").toUri());
    try (ImageListing.Writer writer = ImageListing.create(conf, listingFile)) {
      for (int i = 0; i < 5_000; i++) {
        // Names of varying length, some non-ASCII, so record offsets are not multiples of anything.
        String path = "file:/photos/Kl\u00e4ss " + (i % 13) + "/" + "x".repeat(i % 37) + i + ".jpg";
        long length = i % 500 == 0 ? 3 * splitSize : 1 + random.nextInt(2_000);
        writer.add(path, length, i);
        written.add(path + "|" + length + "|" + i);
        bytes += length;
      }
    }
    try (ImageListing.Reader whole = ImageListing.open(conf, listingFile)) {
      assertEquals(new ImageListing.Totals(5_000, bytes), whole.totals());
    }
    Job job = Job.getInstance(conf);
    FileInputFormat.setInputPaths(job, listingFile);
    List<InputSplit> splits = new ImageInputFormat().getSplits(job);

    List<String> readBack = new ArrayList<>();
    long splitBytes = 0;
    for (InputSplit split : splits) {
      ListingSplit range = (ListingSplit) split;
      long inSplit = 0;
      long last = 0;
      List<String> records = new ArrayList<>();
      try (ImageListing.Reader reader = ImageListing.open(conf, range.listing(), range.start())) {
        while (reader.position() < range.end() && reader.next()) {
          records.add(reader.path() + "|" + reader.length() + "|" + reader.modified());
          inSplit += reader.length();
          last = reader.length();
        }
      }
      assertEquals(range.files(), records.size(), range.toString());
      assertEquals(range.getLength(), inSplit, range.toString());
      assertTrue(inSplit - last < splitSize, range.toString());
      assertTrue(inSplit >= splitSize || split == splits.get(splits.size() - 1), range.toString());
      readBack.addAll(records);
      splitBytes += inSplit;
    }
    assertEquals(written, readBack);
    assertEquals(bytes, splitBytes);
    assertTrue(splits.size() <= bytes / splitSize + 1, splits.size() + " splits");
  }

  /**
   * With min-splits 2, the two splits share the work, each image counting its bytes plus the
   * image cost: 1,000 files of 1,000 bytes then 1,000 of 3,000 bytes. At a cost of 2,000 the work
   * is 3,000,000 + 5,000,000, half of it after the 1,000 small files and 200 large ones; by bytes
   * alone (cost 0) half of the 4,000,000 bytes is reached with the 334th large file.
   */
  @Test
  void minSplitsShareTheWorkNotTheBytes() throws Exception {
    Configuration conf = new Configuration();
    conf.setInt(IngestKeys.MIN_SPLITS.key(), 2);
    conf.setLong(IngestKeys.SPLIT_SIZE.key(), Long.MAX_VALUE);
    org.apache.hadoop.fs.Path listingFile = new org.apache.hadoop.fs.Path(root.resolve("mixed.listing").toUri());
    try (ImageListing.Writer writer = ImageListing.create(conf, listingFile)) {
      for (int i = 0; i < 2_000; i++) {
        writer.add("file:/photos/" + (i < 1_000 ? "Small" : "Large") + "/" + i + ".jpg",
            i < 1_000 ? 1_000 : 3_000, i);
      }
    }
    Job job = Job.getInstance(conf);
    FileInputFormat.setInputPaths(job, listingFile);

    job.getConfiguration().setLong(IngestKeys.IMAGE_COST.key(), 2_000);
    assertEquals(List.of(1_200L, 800L), filesPerSplit(job));
    job.getConfiguration().setLong(IngestKeys.IMAGE_COST.key(), 0);
    assertEquals(List.of(1_334L, 666L), filesPerSplit(job));
  }

  private static List<Long> filesPerSplit(Job job) throws Exception {
    List<Long> files = new ArrayList<>();
    for (InputSplit split : new ImageInputFormat().getSplits(job)) {
      files.add(((ListingSplit) split).files());
    }
    return files;
  }

  /** The digest is the same for the same files in another order, and changes with a file's time. */
  @Test
  void theDigestIgnoresOrderButNotAChangedFile() throws Exception {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path one = new org.apache.hadoop.fs.Path(root.resolve("one.listing").toUri());
    org.apache.hadoop.fs.Path other = new org.apache.hadoop.fs.Path(root.resolve("other.listing").toUri());
    org.apache.hadoop.fs.Path changed = new org.apache.hadoop.fs.Path(root.resolve("changed.listing").toUri());
    writeListing(conf, one, List.of(status("/a/b.jpg", 10, 1L), status("/a/c.jpg", 20, 2L)));
    writeListing(conf, other, List.of(status("/a/c.jpg", 20, 2L), status("/a/b.jpg", 10, 1L)));
    writeListing(conf, changed, List.of(status("/a/b.jpg", 10, 1L), status("/a/c.jpg", 20, 3L)));
    assertEquals(ImageListing.digest(conf, one), ImageListing.digest(conf, other));
    // The count, then both 64-bit sums at full width, so no two pairs of sums read the same.
    assertTrue(ImageListing.digest(conf, one).matches("2:[0-9a-f]{32}"), ImageListing.digest(conf, one));
    assertTrue(!ImageListing.digest(conf, one).equals(ImageListing.digest(conf, changed)));
  }

  @Test
  void aTruncatedListingIsAnError() throws Exception {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path listingFile = new org.apache.hadoop.fs.Path(root.resolve("cut.listing").toUri());
    writeListing(conf, listingFile, List.of(status("/a/b.jpg", 10, 1L), status("/a/c.jpg", 10, 2L)));
    Path file = root.resolve("cut.listing");
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 30));
    // As a listing cut short by a failure would be, not one damaged on disk.
    Files.delete(root.resolve(".cut.listing.crc"));
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> ImageListing.open(conf, listingFile));
    assertTrue(e.getMessage().contains("not a complete image listing"), e.getMessage());
    try (ImageListing.Reader reader = ImageListing.open(conf, listingFile, Integer.BYTES)) {
      assertTrue(reader.next());
      java.io.IOException cut = org.junit.jupiter.api.Assertions.assertThrows(
          java.io.IOException.class, reader::next);
      assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
    }
  }

  private static void writeListing(Configuration conf, org.apache.hadoop.fs.Path file,
      List<FileStatus> images) throws Exception {
    try (ImageListing.Writer writer = ImageListing.create(conf, file)) {
      for (FileStatus image : images) {
        writer.add(image);
      }
    }
  }

  private static FileStatus status(String file, long length, long modified) {
    return new FileStatus(length, false, 1, 1 << 20, modified, new org.apache.hadoop.fs.Path("file://" + file));
  }

  private static ListingSplit roundTrip(ListingSplit split) throws Exception {
    DataOutputBuffer out = new DataOutputBuffer();
    split.write(out);
    DataInputBuffer in = new DataInputBuffer();
    in.reset(out.getData(), out.getLength());
    ListingSplit copy = new ListingSplit();
    copy.readFields(in);
    return copy;
  }

  /** The splits of the images under the root, listed as the driver lists them. */
  private List<InputSplit> splits(Configuration conf) throws Exception {
    org.apache.hadoop.fs.Path listingFile =
        new org.apache.hadoop.fs.Path(root.resolve("_images.listing").toUri());
    try (ImageListing.Writer listing = ImageListing.create(conf, listingFile)) {
      new ImageLister(conf).walk(new org.apache.hadoop.fs.Path(root.toUri()), image -> {
        listing.add(image);
        return true;
      });
    }
    Job job = Job.getInstance(conf);
    FileInputFormat.setInputPaths(job, listingFile);
    return new ImageInputFormat().getSplits(job);
  }

  /** Copies of the records a split's reader gives. */
  private static List<ImageFile> read(Configuration conf, InputSplit split) throws Exception {
    TaskAttemptContext context = new TaskAttemptContextImpl(conf, new TaskAttemptID());
    List<ImageFile> images = new ArrayList<>();
    try (RecordReader<Text, ImageFile> reader = new ImageInputFormat().createRecordReader(split, context)) {
      reader.initialize(split, context);
      while (reader.nextKeyValue()) {
        ImageFile copy = new ImageFile();
        ImageFile image = reader.getCurrentValue();
        copy.reset(image.path(), image.length(), image.modified());
        images.add(copy);
      }
    }
    return images;
  }

  /** Writes a file of {@code size} bytes under the root and returns its absolute path. */
  private String write(String relative, int size) throws Exception {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[size]);
    return file.toAbsolutePath().toString();
  }
}
