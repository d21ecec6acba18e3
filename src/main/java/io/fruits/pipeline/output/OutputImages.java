package io.fruits.pipeline.output;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;

/**
 * The file facts (path, size, modification time) of every image with a row in an output, kept in
 * {@code <output>/images/} as SequenceFiles of {@link FileStatus}, so an incremental run compares
 * its input with them without reading the Parquet files.
 */
public final class OutputImages {

  /** Receives each image of an output. */
  @FunctionalInterface
  public interface Visitor {
    void visit(FileStatus image) throws IOException;
  }

  private OutputImages() {}

  /** Moves the projection tasks' files named {@code prefix-m-*} in {@code jobOutput} to {@code images}. */
  public static void moveInto(Configuration conf, Path jobOutput, String prefix, Path images)
      throws IOException {
    FileSystem fs = images.getFileSystem(conf);
    fs.mkdirs(images);
    for (FileStatus part : fs.listStatus(jobOutput, path -> path.getName().startsWith(prefix + "-m-"))) {
      String task = part.getPath().getName().substring(prefix.length());
      if (!fs.rename(part.getPath(), new Path(images, "part" + task))) {
        throw new IOException("could not move " + part.getPath() + " into " + images);
      }
    }
  }

  /** Visits every image listed under {@code images}. */
  public static void read(Configuration conf, Path images, Visitor visitor) throws IOException {
    FileSystem fs = images.getFileSystem(conf);
    NullWritable key = NullWritable.get();
    for (FileStatus part : fs.listStatus(images, path -> path.getName().startsWith("part-"))) {
      try (SequenceFile.Reader reader =
          new SequenceFile.Reader(conf, SequenceFile.Reader.file(part.getPath()))) {
        FileStatus image = new FileStatus();
        while (reader.next(key, image)) {
          visitor.visit(image);
        }
      }
    }
  }
}
