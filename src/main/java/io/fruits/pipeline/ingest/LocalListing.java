package io.fruits.pipeline.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.stream.Stream;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Recursive listing of a local folder with {@code java.nio}. Without Hadoop's native library,
 * {@code LocalFileSystem.listFiles} forks an {@code ls} per file to read its permissions, which
 * the pipeline never uses (8 s for the 3,244 sample photos); this listing reads only sizes and
 * times.
 */
final class LocalListing {

  private LocalListing() {}

  static RemoteIterator<LocatedFileStatus> files(Path root, long blockSize) throws IOException {
    Stream<java.nio.file.Path> walk;
    try {
      walk = Files.walk(Paths.get(root.toUri())).filter(Files::isRegularFile).sorted();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Iterator<java.nio.file.Path> files = walk.iterator();
    return new RemoteIterator<>() {
      @Override
      public boolean hasNext() throws IOException {
        try {
          boolean more = files.hasNext();
          if (!more) {
            walk.close();
          }
          return more;
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }

      @Override
      public LocatedFileStatus next() throws IOException {
        java.nio.file.Path file = files.next();
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long length = attributes.size();
        // Where the local file system says every file is: one block on this host.
        BlockLocation[] blocks = {new BlockLocation(
            new String[] {"localhost:9866"}, new String[] {"localhost"}, 0, length)};
        return new LocatedFileStatus(length, false, 1, blockSize,
            attributes.lastModifiedTime().toMillis(), attributes.lastAccessTime().toMillis(),
            null, null, null, null, new Path(file.toUri()), false, false, false, blocks);
      }
    };
  }
}
