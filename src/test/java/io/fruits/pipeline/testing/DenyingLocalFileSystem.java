package io.fruits.pipeline.testing;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;

/**
 * The local file system, except that opening a file whose name contains {@value
 * BadInputCorpus#UNREADABLE_MARKER} fails as HDFS fails without read permission. Tests run as root,
 * for whom file modes do not stop reading, so this is how they get an unreadable file. Listing
 * and file status are unchanged, so such files are still listed.
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
}
