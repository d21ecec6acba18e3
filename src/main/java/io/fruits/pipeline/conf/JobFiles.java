package io.fruits.pipeline.conf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Writable;

/**
 * The files a job's tasks wrote, found by name and read as SequenceFiles. Found by a name prefix,
 * never by a glob: an output folder's name may hold glob characters.
 */
public final class JobFiles {

  /** Runs after each record has been read into the key and value. */
  @FunctionalInterface
  public interface RecordAction {
    void run() throws IOException;
  }

  private JobFiles() {}

  /** The files in {@code folder} whose names start with {@code prefix}, in name order. */
  public static List<Path> named(Configuration conf, Path folder, String prefix)
      throws IOException {
    List<Path> files = new ArrayList<>();
    for (FileStatus file : folder.getFileSystem(conf).listStatus(folder,
        path -> path.getName().startsWith(prefix))) {
      files.add(file.getPath());
    }
    files.sort(null);
    return files;
  }

  /** Reads each record of SequenceFile {@code file} into {@code key} and {@code value}. */
  public static void readEach(Configuration conf, Path file, Writable key, Writable value,
      RecordAction onRecord) throws IOException {
    try (SequenceFile.Reader reader = new SequenceFile.Reader(conf, SequenceFile.Reader.file(file))) {
      while (reader.next(key, value)) {
        onRecord.run();
      }
    }
  }
}
