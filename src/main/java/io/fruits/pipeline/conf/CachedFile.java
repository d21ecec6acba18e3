package io.fruits.pipeline.conf;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;

/**
 * A file shipped to every task through Hadoop's distributed cache under a fixed link name, so a
 * task opens it from local disk whatever file system it came from.
 */
public final class CachedFile {

  private CachedFile() {}

  /** Ships {@code file} to the job's tasks, linked as {@code linkName} in their working folder. */
  public static void add(Job job, Path file, String linkName) throws IOException {
    Path qualified = file.getFileSystem(job.getConfiguration()).makeQualified(file);
    URI uri = qualified.toUri();
    try {
      job.addCacheFile(new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), null, linkName));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot ship " + file + " through the distributed cache", e);
    }
  }

  /**
   * Ships {@code file} like {@link #add(Job, Path, String)}, except that when the job runs on the
   * local runner and {@code file} is on the local disk, its path goes in {@code inPlace} instead:
   * those tasks run in this JVM and read such a file in place anyway ({@link #local}), so the
   * runner's copy into its local cache was pure cost, and without Hadoop's native library every
   * copy forks a dozen {@code chmod}, {@code ls} and {@code readlink} processes (0.1–0.3 s a job).
   */
  public static void add(Job job, Path file, String linkName, ConfigKey inPlace) throws IOException {
    Path qualified = file.getFileSystem(job.getConfiguration()).makeQualified(file);
    if (JobJar.runsLocally(job.getConfiguration()) && "file".equals(qualified.toUri().getScheme())) {
      inPlace.set(job.getConfiguration(), qualified.toUri().getPath());
    } else {
      add(job, file, linkName);
    }
  }

  /** The file {@link #add(Job, Path, String, ConfigKey)} shipped: in place, or from the cache. */
  public static java.nio.file.Path local(JobContext context, String linkName, ConfigKey inPlace)
      throws IOException {
    String path = inPlace.get(context.getConfiguration());
    return path == null ? local(context, linkName) : Paths.get(path);
  }

  /**
   * The local copy of the cached file linked as {@code linkName}. A {@code file:} original that
   * this machine can read is used in place (the local runner's case), so a link left in the
   * working folder by an earlier, killed run never stands in for it; otherwise the link that
   * YARN made in the container's fresh working folder.
   */
  public static java.nio.file.Path local(JobContext context, String linkName) throws IOException {
    URI[] cached = context.getCacheFiles();
    for (URI uri : cached == null ? new URI[0] : cached) {
      if (linkName.equals(uri.getFragment()) && "file".equals(uri.getScheme())) {
        java.nio.file.Path original = Paths.get(uri.getPath());
        if (Files.isReadable(original)) {
          return original;
        }
      }
    }
    java.nio.file.Path link = Paths.get(linkName);
    if (Files.isReadable(link)) {
      return link.toAbsolutePath();
    }
    throw new FileNotFoundException(
        "distributed-cache file '" + linkName + "' is not in the task's working folder");
  }
}
