package io.fruits.pipeline.testing;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.security.AccessControlException;

/**
 * The local file system, except that opening a file, or listing a folder, whose name contains
 * {@value BadInputCorpus#UNREADABLE_MARKER} fails as HDFS fails without read permission. Tests run
 * as root, for whom file modes do not stop reading, so this is how they get an unreadable file or
 * folder. File status is unchanged, so such files are still listed.
 */
public class DenyingLocalFileSystem extends LocalFileSystem {

  /** Hadoop's key naming the implementation of the {@code file} scheme. */
  private static final String FILE_IMPL_KEY = "fs.file.impl";
  /** Hadoop's key that, when true, makes every {@code FileSystem.get} build a fresh instance. */
  private static final String FILE_IMPL_DISABLE_CACHE_KEY = "fs.file.impl.disable.cache";

  /** Makes {@code file:} paths resolved through {@code conf} use this file system, uncached. */
  public static void install(Configuration conf) {
    conf.setClass(FILE_IMPL_KEY, DenyingLocalFileSystem.class, FileSystem.class);
    conf.setBoolean(FILE_IMPL_DISABLE_CACHE_KEY, true);
  }

  @Override
  public FSDataInputStream open(Path path, int bufferSize) throws IOException {
    if (path.getName().contains(BadInputCorpus.UNREADABLE_MARKER)) {
      throw new AccessControlException("Permission denied: user=fruits, access=READ, path=" + path);
    }
    return super.open(path, bufferSize);
  }

  @Override
  public FileStatus[] listStatus(Path folder) throws IOException {
    deny(folder);
    return super.listStatus(folder);
  }

  @Override
  public RemoteIterator<LocatedFileStatus> listLocatedStatus(Path folder) throws IOException {
    deny(folder);
    return super.listLocatedStatus(folder);
  }

  private static void deny(Path folder) throws AccessControlException {
    if (folder.getName().contains(BadInputCorpus.UNREADABLE_MARKER)) {
      throw new AccessControlException("Permission denied: user=fruits, access=READ_EXECUTE, path=" + folder);
    }
  }
}
