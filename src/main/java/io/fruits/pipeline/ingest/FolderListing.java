package io.fruits.pipeline.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.security.AccessControlException;

/**
 * Recursive listing one folder at a time, in the order of {@link FileSystem#listFiles(Path,
 * boolean)}, for file systems with folder permissions (HDFS): their own recursive listing stops at
 * the first folder it may not read, while this one passes it to {@code unreadable} and goes on. A
 * folder deleted while the walk runs is skipped; an unreadable or missing root is an error.
 */
final class FolderListing extends LookaheadListing {

  private final FileSystem fs;
  private final Consumer<Path> unreadable;
  /** The listings being walked, innermost first. */
  private final Deque<RemoteIterator<LocatedFileStatus>> open = new ArrayDeque<>();

  private FolderListing(FileSystem fs, Consumer<Path> unreadable) {
    this.fs = fs;
    this.unreadable = unreadable;
  }

  static RemoteIterator<LocatedFileStatus> files(FileSystem fs, Path root, Consumer<Path> unreadable)
      throws IOException {
    FolderListing listing = new FolderListing(fs, unreadable);
    listing.open.push(fs.listLocatedStatus(root));
    return listing;
  }

  @Override
  LocatedFileStatus fetch() throws IOException {
    while (!open.isEmpty()) {
      RemoteIterator<LocatedFileStatus> entries = open.peek();
      if (!entries.hasNext()) {
        open.pop();
        continue;
      }
      LocatedFileStatus entry = entries.next();
      if (entry.isDirectory()) {
        enter(entry.getPath());
      } else {
        return entry;
      }
    }
    return null;
  }

  private void enter(Path folder) throws IOException {
    try {
      RemoteIterator<LocatedFileStatus> entries = fs.listLocatedStatus(folder);
      // HDFS checks the permission on the first batch, not when the iterator is made.
      entries.hasNext();
      open.push(entries);
    } catch (AccessControlException | AccessDeniedException e) {
      unreadable.accept(folder);
    } catch (FileNotFoundException gone) {
      // Deleted since its parent was listed: nothing of it to list.
    }
  }
}
