package io.fruits.pipeline.ingest;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;

/**
 * A listing of image files (path, length, modification time) saved to a file, so a job reads a
 * list chosen by the driver ({@link IngestKeys#LISTING}) instead of walking its input again.
 * Incremental runs hand the embed job only the new and changed images this way.
 */
public final class ImageListing {

  private static final int VERSION = 1;

  private ImageListing() {}

  public static void write(Configuration conf, Path file, List<? extends FileStatus> images)
      throws IOException {
    try (DataOutputStream out = new DataOutputStream(file.getFileSystem(conf).create(file, true))) {
      out.writeInt(VERSION);
      out.writeInt(images.size());
      for (FileStatus image : images) {
        Text.writeString(out, image.getPath().toString());
        out.writeLong(image.getLen());
        out.writeLong(image.getModificationTime());
      }
    }
  }

  /** The listed files; block locations are looked up by whoever needs them. */
  public static List<FileStatus> read(Configuration conf, Path file) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    try (DataInputStream in = new DataInputStream(fs.open(file))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(file + " is not an image listing of version " + VERSION);
      }
      int count = in.readInt();
      long blockSize = fs.getDefaultBlockSize(file);
      List<FileStatus> images = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        Path path = new Path(Text.readString(in));
        long length = in.readLong();
        long modified = in.readLong();
        images.add(new FileStatus(length, false, 1, blockSize, modified, path));
      }
      return images;
    }
  }
}
