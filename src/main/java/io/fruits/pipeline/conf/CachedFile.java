package io.fruits.pipeline.conf;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.util.StringUtils;

/**
 * A file shipped to every task through Hadoop's distributed cache under a fixed link name, so a
 * task opens it from local disk whatever file system it came from.
 *
 * <p>On the local runner a file on the local disk is not put in the cache at all but listed under
 * {@link ConfKeys#FILES_IN_PLACE}: the tasks run in the driver's JVM and read it in place, so the
 * runner's copy into its local cache was pure cost, and without Hadoop's native library every
 * copy forks a dozen {@code chmod}, {@code ls} and {@code readlink} processes (0.1–0.3 s a job).
 */
public final class CachedFile {

  private CachedFile() {}

  /** Ships {@code file} to the job's tasks, linked as {@code linkName} in their working folder. */
  public static void add(Job job, Path file, String linkName) throws IOException {
    Configuration conf = job.getConfiguration();
    URI uri = file.getFileSystem(conf).makeQualified(file).toUri();
    URI linked;
    try {
      linked = new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), null, linkName);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot ship " + file + " through the distributed cache", e);
    }
    if (JobJar.runsLocally(conf) && "file".equals(uri.getScheme())) {
      // Escaped as FileInputFormat escapes its input paths, so a comma in a path stays in it.
      String entry = StringUtils.escapeString(linked.toString());
      String listed = ConfKeys.FILES_IN_PLACE.get(conf);
      ConfKeys.FILES_IN_PLACE.set(conf, listed == null ? entry : listed + "," + entry);
    } else {
      job.addCacheFile(linked);
    }
  }

  /**
   * The local copy of the file shipped as {@code linkName}. A {@code file:} original that this
   * machine can read is used in place (the local runner's case), so a link left in the working
   * folder by an earlier, killed run never stands in for it; otherwise the link that YARN made in
   * the container's fresh working folder.
   */
  public static java.nio.file.Path local(JobContext context, String linkName) throws IOException {
    for (URI uri : shipped(context)) {
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

  /** The files in the cache and those listed in place. */
  private static List<URI> shipped(JobContext context) throws IOException {
    List<URI> shipped = new ArrayList<>();
    URI[] cached = context.getCacheFiles();
    if (cached != null) {
      shipped.addAll(Arrays.asList(cached));
    }
    String inPlace = ConfKeys.FILES_IN_PLACE.get(context.getConfiguration());
    if (inPlace != null) {
      for (String entry : StringUtils.split(inPlace)) {
        shipped.add(URI.create(StringUtils.unEscapeString(entry)));
      }
    }
    return shipped;
  }
}
