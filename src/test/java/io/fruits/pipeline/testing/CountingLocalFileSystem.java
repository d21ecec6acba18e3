package io.fruits.pipeline.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system, recording every file opened for reading and every file created, so a
 * test can check how often a run reads or writes each piece of its output. The local runner runs
 * tasks in the test's JVM, so their opens and creates are recorded too. Runs name it with
 * {@link #GENERIC_OPTIONS}.
 */
public class CountingLocalFileSystem extends LocalFileSystem {

  /** The generic options that make a run's {@code file:} paths use this file system. */
  public static final String[] GENERIC_OPTIONS = {
      "-D", "fs.file.impl=" + CountingLocalFileSystem.class.getName(),
      "-D", "fs.file.impl.disable.cache=true"};

  private static final List<String> OPENED = new CopyOnWriteArrayList<>();
  private static final List<String> CREATED = new CopyOnWriteArrayList<>();

  /** Forgets what was recorded so far. */
  public static void reset() {
    OPENED.clear();
    CREATED.clear();
  }

  /** How often each path was opened for reading, by path as opened. */
  public static Map<String, Integer> opened() {
    return counts(OPENED);
  }

  /** How often each path was created. */
  public static Map<String, Integer> created() {
    return counts(CREATED);
  }

  private static Map<String, Integer> counts(List<String> paths) {
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    for (String path : paths) {
      counts.merge(path, 1, Integer::sum);
    }
    return counts;
  }

  @Override
  public FSDataInputStream open(Path path, int bufferSize) throws IOException {
    OPENED.add(makeQualified(path).toUri().getPath());
    return super.open(path, bufferSize);
  }

  @Override
  public FSDataOutputStream create(Path path, FsPermission permission, boolean overwrite,
      int bufferSize, short replication, long blockSize, Progressable progress)
      throws IOException {
    CREATED.add(makeQualified(path).toUri().getPath());
    return super.create(path, permission, overwrite, bufferSize, replication, blockSize, progress);
  }
}
