package io.fruits.pipeline.ingest;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Recursive listing of a local folder with {@code java.nio}. Without Hadoop's native library,
 * {@code LocalFileSystem.listFiles} forks an {@code ls} per file to read its permissions, which
 * the pipeline never uses (8 s for the 3,244 sample photos); this listing reads only sizes and
 * times. Symbolic links are followed (an input or class folder may be a link); a link back to a
 * folder being walked is not, so every file is listed once. A sub-folder that cannot be read is
 * passed to {@code unreadable} and skipped; an unreadable root is an error.
 */
final class LocalListing {

  private LocalListing() {}

  private record Found(java.nio.file.Path path, BasicFileAttributes attributes) {}

  static RemoteIterator<LocatedFileStatus> files(Path root, long blockSize, Consumer<Path> unreadable)
      throws IOException {
    // The decoded path: Paths.get(URI) refuses the raw non-ASCII characters Hadoop's URIs keep.
    java.nio.file.Path start = Paths.get(root.toUri().getPath());
    List<Found> found = new ArrayList<>();
    Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile()) {
              found.add(new Found(file, attributes));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(java.nio.file.Path file, IOException e) throws IOException {
            if (file.equals(start)) {
              throw e;
            }
            // A loop's files are listed under their first path; a file gone since is not an image.
            if (!(e instanceof FileSystemLoopException) && !(e instanceof NoSuchFileException)) {
              unreadable.accept(new Path(file.toUri()));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort(Comparator.comparing(Found::path));
    Iterator<Found> files = found.iterator();
    return new RemoteIterator<>() {
      @Override
      public boolean hasNext() {
        return files.hasNext();
      }

      @Override
      public LocatedFileStatus next() {
        Found file = files.next();
        long length = file.attributes().size();
        // Where the local file system says every file is: one block on this host.
        BlockLocation[] blocks = {new BlockLocation(
            new String[] {"localhost:9866"}, new String[] {"localhost"}, 0, length)};
        return new LocatedFileStatus(length, false, 1, blockSize,
            file.attributes().lastModifiedTime().toMillis(), file.attributes().lastAccessTime().toMillis(),
            null, null, null, null, new Path(file.path().toUri()), false, false, false, blocks);
      }
    };
  }
}
