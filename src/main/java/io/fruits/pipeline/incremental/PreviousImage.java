package io.fruits.pipeline.incremental;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * An image as a previous run recorded it: path, file size and modification time.
 */
public record PreviousImage(String path, long size, long modified) {

  /** True when a listed file is this image, unchanged. */
  boolean sameFileAs(FileStatus listed) {
    return listed.getLen() == size && listed.getModificationTime() == modified;
  }

  FileStatus toFileStatus() {
    return new FileStatus(size, false, 1, 0, modified, new Path(path));
  }
}
