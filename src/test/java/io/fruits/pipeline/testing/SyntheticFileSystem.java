package io.fruits.pipeline.testing;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A read-only tree of image files that exists only as arithmetic, so listing and splitting can be
 * exercised at ten million files without a byte on disk. {@code synth://n<files>-d<folders>/}
 * holds folders {@code class-0000 …} and, spread evenly over them in order, files
 * {@code img-00000000.jpg …}; file {@code i} has {@link #length(long)} bytes and was modified at
 * {@link #modified(long)}. Listing calls are counted ({@link #listCalls()}), and each can be made to
 * take {@code fruits.test.synth.list-latency-ms} (a test setting) to stand in for an object store's
 * round trip. Runs name it with {@link #install(Configuration)}.
 */
public class SyntheticFileSystem extends FileSystem {

  public static final String SCHEME = "synth";
  /** Milliseconds each folder listing sleeps, as an object store's LIST round trip would. */
  public static final String LATENCY_KEY = "fruits.test.synth.list-latency-ms";
  private static final Pattern AUTHORITY = Pattern.compile("n(\\d+)-d(\\d+)");
  private static final long FIRST_MODIFIED = 1_600_000_000_000L;
  private static final AtomicLong LIST_CALLS = new AtomicLong();
  private static final AtomicInteger LISTS_RUNNING = new AtomicInteger();
  private static final AtomicInteger MOST_LISTS_RUNNING = new AtomicInteger();

  private URI uri;
  private long files;
  private int folders;
  private long latencyMs;

  /** Registers the {@code synth} scheme in {@code conf}. */
  public static void install(Configuration conf) {
    conf.setClass("fs." + SCHEME + ".impl", SyntheticFileSystem.class, FileSystem.class);
  }

  /** The root of a tree of {@code files} files in {@code folders} folders. */
  public static Path root(long files, int folders) {
    return new Path(SCHEME + "://n" + files + "-d" + folders + "/");
  }

  /** Folder listings answered since the JVM started, by every instance. */
  public static long listCalls() {
    return LIST_CALLS.get();
  }

  /** The most folder listings that ran at the same time since {@link #resetMostListsRunning()}. */
  public static int mostListsRunning() {
    return MOST_LISTS_RUNNING.get();
  }

  public static void resetMostListsRunning() {
    MOST_LISTS_RUNNING.set(0);
  }

  /** The length of file {@code index}: between 50,000 and 149,999 bytes. */
  public static long length(long index) {
    return 50_000 + (index * 7_919) % 100_000;
  }

  public static long modified(long index) {
    return FIRST_MODIFIED + index;
  }

  /** The path of file {@code index} under {@code root}. */
  public static Path file(Path root, long files, int folders, long index) {
    return new Path(folder(root, folderOf(index, files, folders)), fileName(index));
  }

  @Override
  public void initialize(URI name, Configuration conf) throws IOException {
    super.initialize(name, conf);
    Matcher m = AUTHORITY.matcher(String.valueOf(name.getAuthority()));
    if (!m.matches()) {
      throw new IOException("synth:// URIs name their tree as n<files>-d<folders>: " + name);
    }
    uri = URI.create(SCHEME + "://" + name.getAuthority());
    files = Long.parseLong(m.group(1));
    folders = Integer.parseInt(m.group(2));
    latencyMs = conf.getLong(LATENCY_KEY, 0);
    setConf(conf);
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public URI getUri() {
    return uri;
  }

  @Override
  public FileStatus[] listStatus(Path path) throws IOException {
    LIST_CALLS.incrementAndGet();
    MOST_LISTS_RUNNING.accumulateAndGet(LISTS_RUNNING.incrementAndGet(), Math::max);
    try {
      pause();
    } finally {
      LISTS_RUNNING.decrementAndGet();
    }
    String[] parts = parts(path);
    if (parts.length == 0) {
      FileStatus[] result = new FileStatus[folders];
      for (int f = 0; f < folders; f++) {
        result[f] = folderStatus(f);
      }
      return result;
    }
    int folder = folderIndex(parts);
    if (parts.length != 1) {
      return new FileStatus[] {getFileStatus(path)};
    }
    long first = firstFile(folder);
    FileStatus[] result = new FileStatus[(int) (firstFile(folder + 1) - first)];
    for (int i = 0; i < result.length; i++) {
      result[i] = fileStatus(first + i);
    }
    return result;
  }

  @Override
  public FileStatus getFileStatus(Path path) throws IOException {
    String[] parts = parts(path);
    if (parts.length == 0) {
      return new FileStatus(0, true, 1, 0, FIRST_MODIFIED, qualify(""));
    }
    int folder = folderIndex(parts);
    if (parts.length == 1) {
      return folderStatus(folder);
    }
    if (parts.length == 2 && parts[1].startsWith("img-") && parts[1].endsWith(".jpg")) {
      long index = parseIndex(parts[1].substring(4, parts[1].length() - 4));
      if (index < files && folderOf(index, files, folders) == folder
          && parts[1].equals(fileName(index))) {
        return fileStatus(index);
      }
    }
    throw new FileNotFoundException(path.toString());
  }

  private void pause() throws IOException {
    if (latencyMs > 0) {
      try {
        Thread.sleep(latencyMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("listing interrupted");
      }
    }
  }

  private String[] parts(Path path) {
    String p = makeQualified(path).toUri().getPath();
    return p.equals("/") || p.isEmpty() ? new String[0] : p.substring(1).split("/");
  }

  private int folderIndex(String[] parts) throws FileNotFoundException {
    if (parts[0].startsWith("class-")) {
      long f = parseIndex(parts[0].substring(6));
      if (f >= 0 && f < folders && parts[0].equals(folderName(f))) {
        return (int) f;
      }
    }
    throw new FileNotFoundException(qualify(String.join("/", parts)).toString());
  }

  private static long parseIndex(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private long firstFile(int folder) {
    return folder * files / folders;
  }

  /** The folder whose range [f·n/d, (f+1)·n/d) holds {@code index}. */
  private static int folderOf(long index, long files, int folders) {
    int f = (int) (index * folders / files);
    while ((f + 1) * files / folders <= index) {
      f++;
    }
    while (f * files / folders > index) {
      f--;
    }
    return f;
  }

  private FileStatus folderStatus(int folder) {
    return new FileStatus(0, true, 1, 0, FIRST_MODIFIED, qualify(folderName(folder)));
  }

  private FileStatus fileStatus(long index) {
    // One URI parse per file: Path's other constructors parse and resolve several times.
    Path path = new Path(URI.create(uri + "/" + folderName(folderOf(index, files, folders)) + "/"
        + fileName(index)));
    return new FileStatus(length(index), false, 1, 128L << 20, modified(index), path);
  }

  private Path qualify(String relative) {
    return new Path(uri.toString() + "/" + relative);
  }

  private static Path folder(Path root, int folder) {
    return new Path(root, folderName(folder));
  }

  private static String folderName(long folder) {
    return "class-" + zeroPadded(folder, 4);
  }

  private static String fileName(long index) {
    return "img-" + zeroPadded(index, 8) + ".jpg";
  }

  private static String zeroPadded(long number, int width) {
    String digits = Long.toString(number);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  @Override
  public Path getWorkingDirectory() {
    return qualify("");
  }

  @Override
  public void setWorkingDirectory(Path dir) {
    throw new UnsupportedOperationException("synth:// has no working directory but its root");
  }

  @Override
  public FSDataInputStream open(Path path, int bufferSize) throws IOException {
    throw new IOException("synth:// files have no content: " + path);
  }

  @Override
  public FSDataOutputStream create(Path path, FsPermission permission, boolean overwrite,
      int bufferSize, short replication, long blockSize, Progressable progress) throws IOException {
    throw readOnly(path);
  }

  @Override
  public FSDataOutputStream append(Path path, int bufferSize, Progressable progress)
      throws IOException {
    throw readOnly(path);
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    throw readOnly(src);
  }

  @Override
  public boolean delete(Path path, boolean recursive) throws IOException {
    throw readOnly(path);
  }

  @Override
  public boolean mkdirs(Path path, FsPermission permission) throws IOException {
    throw readOnly(path);
  }

  private static IOException readOnly(Path path) {
    return new IOException("synth:// is read-only: " + path);
  }
}
