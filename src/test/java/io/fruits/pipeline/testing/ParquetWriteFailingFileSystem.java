package io.fruits.pipeline.testing;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system, except that creating a Parquet file fails with a plain I/O error, as a
 * full disk or a lost connection would: the projection job dies after the embed job, whose
 * outputs are SequenceFiles, has committed. Runs name it with {@link #GENERIC_OPTIONS}.
 */
public class ParquetWriteFailingFileSystem extends LocalFileSystem {

  /** The generic options that make a run's {@code file:} paths use this file system. */
  public static final String[] GENERIC_OPTIONS = {
      "-D", "fs.file.impl=" + ParquetWriteFailingFileSystem.class.getName(),
      "-D", "fs.file.impl.disable.cache=true"};

  @Override
  public FSDataOutputStream create(Path path, FsPermission permission, boolean overwrite,
      int bufferSize, short replication, long blockSize, Progressable progress)
      throws IOException {
    if (path.getName().endsWith(".parquet")) {
      throw new IOException("injected write failure of " + path);
    }
    return super.create(path, permission, overwrite, bufferSize, replication, blockSize, progress);
  }
}
