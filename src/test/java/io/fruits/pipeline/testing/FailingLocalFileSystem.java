package io.fruits.pipeline.testing;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The local file system, except that opening a file whose name contains {@value #MARKER} fails
 * with a plain I/O error, as a broken disk or a lost connection would: the map task reading it
 * dies. Runs name it with {@code -D fs.file.impl=...} and {@code -D fs.file.impl.disable.cache=true}
 * ({@link #GENERIC_OPTIONS}).
 */
public class FailingLocalFileSystem extends LocalFileSystem {

  public static final String MARKER = "fail-to-read";

  /** The generic options that make a run's {@code file:} paths use this file system. */
  public static final String[] GENERIC_OPTIONS = {
      "-D", "fs.file.impl=" + FailingLocalFileSystem.class.getName(),
      "-D", "fs.file.impl.disable.cache=true"};

  @Override
  public FSDataInputStream open(Path path, int bufferSize) throws IOException {
    if (path.getName().contains(MARKER)) {
      throw new IOException("injected read failure of " + path);
    }
    return super.open(path, bufferSize);
  }
}
