package io.fruits.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
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

    Configuration conf = new Configuration();
    List<InputSplit> splits = splits(conf);
    assertEquals(1, splits.size());
    TaskAttemptContext context = new TaskAttemptContextImpl(conf, new TaskAttemptID());
    ImageInputFormat format = new ImageInputFormat();
    List<String> paths = new ArrayList<>();
    try (RecordReader<Text, ImageFile> reader = format.createRecordReader(splits.get(0), context)) {
      reader.initialize(splits.get(0), context);
      while (reader.nextKeyValue()) {
        ImageFile image = reader.getCurrentValue();
        paths.add(reader.getCurrentKey().toString());
        assertEquals("Apple Red 1", image.label());
        assertNull(image.readError());
        if (image.path().endsWith("x #1 %.jpg")) {
          assertArrayEquals(content, image.copyOfBytes());
        } else {
          assertEquals(5, image.byteCount());
        }
      }
    }
    assertEquals(2, paths.size());
  }

  @Test
  void aFileGoneSinceListingBecomesARecordWithAReadError() throws Exception {
    org.apache.hadoop.fs.Path gone = new org.apache.hadoop.fs.Path(root.resolve("Lemon/gone.jpg").toUri());
    ImageFile image = new ImageFile();
    ImageFileReading.read(gone, 100, new Configuration(), image);
    assertTrue(image.readError().startsWith("FileNotFoundException"), image.readError());
    assertEquals("Lemon", image.label());
    assertEquals(0, image.byteCount());
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
