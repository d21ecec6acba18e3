package io.fruits.pipeline.ingest;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.security.AccessControlException;

/**
 * Lists the top-level folders of an input (the class folders) concurrently, a recursive listing
 * each: {@link FileSystem#listFiles(Path, boolean)}, one flat paged listing per prefix on object
 * stores, or {@link FolderListing} where folders have permissions. Each folder's files go to a
 * listing file in a local temporary folder as they arrive, so memory does not grow with the
 * folders' size, and are handed out folder by folder in name order once that folder is done:
 * files at the top first, then each folder's in the file system's order, whatever the thread
 * count. Hidden folders ({@link ImageLister#isHidden}) are not listed.
 */
final class ParallelListing implements RemoteIterator<FileStatus>, Closeable {

  /** What listing one top-level folder found. */
  private record FolderFiles(Path listing, List<Path> unreadable) {}

  private final Configuration conf;
  private final ExecutorService pool;
  private final java.nio.file.Path spillFolder;
  private final List<FileStatus> topFiles;
  private final List<Future<FolderFiles>> folders = new ArrayList<>();
  private final List<Path> unreadable;
  private int topIndex;
  private int folderIndex;
  private ImageListing.Reader current;
  private FileStatus next;

  private ParallelListing(Configuration conf, int threads, List<FileStatus> topFiles,
      List<Path> unreadable) throws IOException {
    this.conf = conf;
    this.topFiles = topFiles;
    this.unreadable = unreadable;
    this.spillFolder = Files.createTempDirectory("fruits-listing");
    this.pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "fruits-listing");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Starts listing {@code root} with {@code threads} threads; the files that {@code keep} accepts
   * are handed out, folders that may not be read are added to {@code unreadable} in name order
   * as the walk reaches them.
   */
  static ParallelListing files(FileSystem fs, Path root, int threads, boolean folderPermissions,
      Predicate<Path> keep, List<Path> unreadable) throws IOException {
    FileStatus[] top = fs.listStatus(root);
    Arrays.sort(top, Comparator.comparing(FileStatus::getPath));
    List<FileStatus> topFiles = new ArrayList<>();
    for (FileStatus entry : top) {
      if (entry.isFile() && keep.test(entry.getPath())) {
        topFiles.add(entry);
      }
    }
    ParallelListing listing = new ParallelListing(fs.getConf(), threads, topFiles, unreadable);
    try {
      int n = 0;
      for (FileStatus entry : top) {
        if (entry.isDirectory() && !ImageLister.isHidden(entry.getPath(), root)) {
          Path spill = new Path(listing.spillFolder.resolve("folder-" + n++).toUri());
          listing.folders.add(listing.pool.submit(
              () -> listFolder(fs, entry.getPath(), folderPermissions, keep, spill)));
        }
      }
    } catch (RuntimeException e) {
      listing.close();
      throw e;
    }
    return listing;
  }

  private static FolderFiles listFolder(FileSystem fs, Path folder, boolean folderPermissions,
      Predicate<Path> keep, Path spill) throws IOException {
    List<Path> unreadable = new ArrayList<>();
    try (ImageListing.Writer out = ImageListing.create(fs.getConf(), spill)) {
      RemoteIterator<LocatedFileStatus> files;
      try {
        files = folderPermissions
            ? FolderListing.files(fs, folder, unreadable::add) : fs.listFiles(folder, true);
        while (files.hasNext()) {
          LocatedFileStatus file = files.next();
          if (keep.test(file.getPath())) {
            out.add(file);
          }
        }
      } catch (AccessControlException | AccessDeniedException e) {
        unreadable.add(folder);
      } catch (FileNotFoundException gone) {
        // Deleted since the top level was listed: its listing keeps what was found, if anything.
      }
    }
    return new FolderFiles(spill, unreadable);
  }

  @Override
  public boolean hasNext() throws IOException {
    while (next == null) {
      if (topIndex < topFiles.size()) {
        next = topFiles.get(topIndex++);
      } else if (current != null && current.next()) {
        next = new FileStatus(current.length(), false, 1, 0, current.modified(),
            new Path(current.path()));
      } else if (current != null) {
        current.close();
        current = null;
      } else if (folderIndex < folders.size()) {
        FolderFiles done = await(folders.get(folderIndex++));
        unreadable.addAll(done.unreadable());
        current = ImageListing.open(conf, done.listing());
      } else {
        return false;
      }
    }
    return true;
  }

  @Override
  public FileStatus next() throws IOException {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    FileStatus file = next;
    next = null;
    return file;
  }

  private static FolderFiles await(Future<FolderFiles> folder) throws IOException {
    try {
      return folder.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("listing interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("listing a folder failed", e.getCause());
    }
  }

  /** Stops the listing threads and deletes the temporary files. */
  @Override
  public void close() throws IOException {
    pool.shutdownNow();
    try {
      pool.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (current != null) {
        current.close();
      }
    } finally {
      FileSystem.getLocal(conf).delete(new Path(spillFolder.toUri()), true);
    }
  }
}
