package io.fruits.pipeline.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Walks the image files under a folder with {@link FileSystem#listFiles(Path, boolean)}, which
 * object stores answer with flat paged listings instead of one request per folder. Image files
 * have one of {@link IngestKeys#EXTENSIONS}; names starting with {@code _} or {@code .} are
 * skipped at any depth, as Hadoop does for a single folder.
 */
public final class ImageLister {

  /** Receives each image file found. */
  @FunctionalInterface
  public interface Visitor {
    /** Returns false to stop the walk. */
    boolean visit(LocatedFileStatus image) throws IOException;
  }

  private final Configuration conf;
  private final Set<String> extensions;

  public ImageLister(Configuration conf) {
    this.conf = conf;
    this.extensions = IngestKeys.extensions(conf);
  }

  /** Visits the image files under {@code root} until the visitor returns false. */
  public void walk(Path root, Visitor visitor) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    if (!fs.exists(root)) {
      throw new FileNotFoundException("Input path does not exist: " + root);
    }
    Path qualifiedRoot = fs.makeQualified(root);
    RemoteIterator<LocatedFileStatus> files = fs instanceof LocalFileSystem
        ? LocalListing.files(qualifiedRoot, fs.getDefaultBlockSize(qualifiedRoot))
        : fs.listFiles(qualifiedRoot, true);
    while (files.hasNext()) {
      LocatedFileStatus file = files.next();
      if (isImage(file.getPath()) && !isHidden(file.getPath(), qualifiedRoot) && !visitor.visit(file)) {
        return;
      }
    }
  }

  /** True when there is at least one image under {@code root}; stops at the first. */
  public boolean containsImage(Path root) throws IOException {
    boolean[] found = {false};
    walk(root, image -> {
      found[0] = true;
      return false;
    });
    return found[0];
  }

  private boolean isImage(Path path) {
    String name = path.getName();
    int dot = name.lastIndexOf('.');
    return dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static boolean isHidden(Path file, Path root) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      String name = p.getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
