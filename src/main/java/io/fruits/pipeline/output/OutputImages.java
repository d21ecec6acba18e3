package io.fruits.pipeline.output;

import io.fruits.pipeline.conf.JobFiles;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;

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
    for (Path part : JobFiles.named(conf, jobOutput, prefix + "-m-")) {
      String task = part.getName().substring(prefix.length());
      if (!fs.rename(part, new Path(images, "part" + task))) {
        throw new IOException("could not move " + part + " into " + images);
      }
    }
  }

  /** Visits every image listed under {@code images}. */
  public static void read(Configuration conf, Path images, Visitor visitor) throws IOException {
    FileStatus image = new FileStatus();
    for (Path part : JobFiles.named(conf, images, "part-")) {
      JobFiles.readEach(conf, part, NullWritable.get(), image, () -> visitor.visit(image));
    }
  }
}
