package io.fruits.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
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
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
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
    for (InputSplit split : splits(new Configuration())) {
      for (org.apache.hadoop.fs.Path p : ((CombineFileSplit) split).getPaths()) {
        listed.add(p.toUri().getPath());
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
      assertTrue(split.getLength() <= 10L * size, "split of " + split.getLength() + " bytes");
      total += ((CombineFileSplit) split).getNumPaths();
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
    InputSplit split = roundTrip((ImageSplit) splits.get(0));
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
          assertArrayEquals(content, image.copyOfBytes());
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
    ImageListing.write(conf, listingFile, List.of(status(kept, 10, 123L), status(other, 20, 456L)));
    Job job = Job.getInstance(conf);
    FileInputFormat.setInputPaths(job, listingFile);

    Map<String, Long> listed = new HashMap<>();
    for (InputSplit split : new io.fruits.pipeline.embed.EmbedInputFormat().getSplits(job)) {
      ImageSplit images = (ImageSplit) split;
      for (int i = 0; i < images.getNumPaths(); i++) {
        listed.put(images.getPath(i).toUri().getPath(), images.getModificationTime(i));
      }
    }
    assertEquals(Map.of(kept, 123L, other, 456L), listed);
  }

  private static FileStatus status(String file, long length, long modified) {
    return new FileStatus(length, false, 1, 1 << 20, modified, new org.apache.hadoop.fs.Path("file://" + file));
  }

  private static ImageSplit roundTrip(ImageSplit split) throws Exception {
    DataOutputBuffer out = new DataOutputBuffer();
    split.write(out);
    DataInputBuffer in = new DataInputBuffer();
    in.reset(out.getData(), out.getLength());
    ImageSplit copy = new ImageSplit();
    copy.readFields(in);
    return copy;
  }

  private List<InputSplit> splits(Configuration conf) throws Exception {
    Job job = Job.getInstance(conf);
    FileInputFormat.setInputPaths(job, new org.apache.hadoop.fs.Path(root.toUri()));
    return new ImageInputFormat().getSplits(job);
  }

  /** Writes a file of {@code size} bytes under the root and returns its absolute path. */
  private String write(String relative, int size) throws Exception {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[size]);
    return file.toAbsolutePath().toString();
  }
}
