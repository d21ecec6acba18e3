package io.fruits.pipeline.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the image files under a folder. Object stores are listed with {@link
 * FileSystem#listFiles(Path, boolean)}, which they answer with flat paged listings instead of one
 * request per folder (they have no folder permissions to trip over); file systems with folder
 * permissions one folder at a time, so a sub-folder that may not be read is skipped and reported
 * instead of ending the walk; the local file system with {@link LocalListing}, which also follows
 * symbolic links. With {@link IngestKeys#LISTING_THREADS} above 1, object stores and HDFS list
 * their top-level folders concurrently ({@link ParallelListing}), in the same order. Image files have one of {@link IngestKeys#EXTENSIONS}; names starting with
 * {@code _} or {@code .} are skipped at any depth, as Hadoop does for a single folder.
 */
public final class ImageLister {

  private static final Logger LOG = LoggerFactory.getLogger(ImageLister.class);

  /** Receives each image file found. */
  @FunctionalInterface
  public interface Visitor {
    /** Returns false to stop the walk. */
    boolean visit(FileStatus image) throws IOException;
  }

  private final Configuration conf;
  private final Set<String> extensions;

  public ImageLister(Configuration conf) {
    this.conf = conf;
    this.extensions = IngestKeys.extensions(conf);
  }

  /**
   * Visits the image files under {@code root} until the visitor returns false; returns the
   * sub-folders that could not be read, whose files were not visited.
   */
  public UnreadableFolders walk(Path root, Visitor visitor) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    if (!fs.exists(root)) {
      throw new FileNotFoundException("Input path does not exist: " + root);
    }
    Path qualifiedRoot = fs.makeQualified(root);
    Predicate<Path> isListedImage = path -> isImage(path) && !isHidden(path, qualifiedRoot);
    List<Path> unreadable = new ArrayList<>();
    boolean folderPermissions =
        fs.hasPathCapability(qualifiedRoot, CommonPathCapabilities.FS_PERMISSIONS);
    int threads = IngestKeys.listingThreads(conf);
    if (fs.getClass() == LocalFileSystem.class) {
      visitAll(LocalListing.files(qualifiedRoot, fs.getDefaultBlockSize(qualifiedRoot),
          unreadable::add), isListedImage, visitor);
    } else if (threads > 1) {
      // ParallelListing keeps only listed images as it lists, before its spill files.
      try (ParallelListing files = ParallelListing.files(fs, qualifiedRoot, threads,
          folderPermissions, isListedImage, unreadable)) {
        visitAll(files, path -> true, visitor);
      }
    } else if (folderPermissions) {
      visitAll(FolderListing.files(fs, qualifiedRoot, unreadable::add), isListedImage, visitor);
    } else {
      visitAll(fs.listFiles(qualifiedRoot, true), isListedImage, visitor);
    }
    if (!unreadable.isEmpty()) {
      LOG.warn("{} folder(s) under {} could not be read and were skipped, e.g. {}",
          unreadable.size(), root, unreadable.get(0));
    }
    return new UnreadableFolders(unreadable);
  }

  private static void visitAll(RemoteIterator<? extends FileStatus> files,
      Predicate<Path> isListedImage, Visitor visitor) throws IOException {
    while (files.hasNext()) {
      FileStatus file = files.next();
      if (isListedImage.test(file.getPath()) && !visitor.visit(file)) {
        return;
      }
    }
  }

  private boolean isImage(Path path) {
    String name = path.getName();
    int dot = name.lastIndexOf('.');
    return dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a name below {@code root} on the way to {@code file} (a file or a folder) starts with
   * _ or .; done on the path's text, since a Path per level costs a URI parse per file at
   * millions of files.
   */
  static boolean isHidden(Path file, Path root) {
    String path = file.toUri().getPath();
    String top = root.toUri().getPath();
    int from = path.startsWith(top) ? top.length() : 0;
    for (int i = from; i < path.length(); i++) {
      boolean nameStart = i == 0 || path.charAt(i - 1) == '/';
      char c = path.charAt(i);
      if (nameStart && (c == '_' || c == '.')) {
        return true;
      }
    }
    return false;
  }
}
