package io.fruits.pipeline.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The logs YARN containers of the mini cluster left on local disk (log aggregation is off, so
 * they stay in each NodeManager's log folder, {@code <app>/<container>/syslog|stderr|stdout}).
 * Assertion messages quote them, so a red CI shows why a task died without anyone digging.
 */
final class ContainerLogs {

  private static final Set<String> FILES = Set.of("syslog", "stderr", "stdout", "prelaunch.err");
  private static final Pattern RELEVANT = Pattern.compile(
      "\\b(ERROR|FATAL|WARN)\\b|Exception:|Exception$|Error:|Caused by|[Kk]illed|beyond");
  /** Harmless on every container: no native Hadoop library, log4j set up after the first line. */
  private static final Pattern NOISE = Pattern.compile("NativeCodeLoader|log4j:WARN");
  private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at ");
  private static final int FRAMES = 3;
  private static final int MAX_LINES = 150;

  private final Path root;

  /** Logs found anywhere under {@code root}, the mini YARN cluster's work folder. */
  ContainerLogs(Path root) {
    this.root = root;
  }

  /** Every container log file under the root, in a stable order. */
  List<Path> files() {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> FILES.contains(f.getFileName().toString()))
          .filter(f -> f.getParent().getFileName().toString().startsWith("container_"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list container logs under " + root, e);
    }
  }

  /** True when some container log line contains {@code text}. */
  boolean contain(String text) {
    return files().stream().anyMatch(file -> lines(file).stream().anyMatch(l -> l.contains(text)));
  }

  /**
   * The warnings, errors and exceptions (with their first {@value #FRAMES} stack frames) of every
   * container, each line prefixed by its container and file; at most {@value #MAX_LINES} lines.
   */
  String excerpt() {
    StringBuilder text = new StringBuilder("container logs under " + root + ":\n");
    int count = 0;
    for (Path file : files()) {
      String prefix = file.getParent().getFileName() + "/" + file.getFileName() + ": ";
      int frames = FRAMES;
      for (String line : lines(file)) {
        boolean frame = STACK_FRAME.matcher(line).find();
        boolean relevant = frame ? frames++ < FRAMES
            : RELEVANT.matcher(line).find() && !NOISE.matcher(line).find();
        if (!frame) {
          frames = relevant ? 0 : FRAMES;
        }
        if (relevant) {
          if (count++ == MAX_LINES) {
            return text.append("... (more in the files)\n").toString();
          }
          text.append(prefix).append(line).append('\n');
        }
      }
    }
    return count == 0 ? text.append("(no warnings or errors)\n").toString() : text.toString();
  }

  /** The file's lines; bytes that are not UTF-8 (a log cut mid-write) become U+FFFD. */
  private static List<String> lines(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
