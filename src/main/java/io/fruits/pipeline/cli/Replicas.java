package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds benchmark inputs out of symbolic links to a folder's files, so the source is never
 * changed: N copies of its tree for a larger run, and a few more for an incremental update.
 */
final class Replicas {

  private Replicas() {}

  /** Links {@code source}'s files into {@code target/copy-<i>/...} for i < copies. */
  static Path of(Path source, int copies, Path target) throws IOException {
    if (copies < 1) {
      throw new InvalidConfigException("--repeat must be at least 1, got " + copies);
    }
    List<Path> files = files(source);
    for (int i = 0; i < copies; i++) {
      link(source, files, target.resolve("copy-" + i));
    }
    return target;
  }

  /**
   * Links the first {@code count} files of {@code source} (in path order) into
   * {@code target/<name>/...}: images new to a run over {@code target}, with the same labels.
   */
  static void addNew(Path source, int count, Path target, String name) throws IOException {
    List<Path> files = files(source);
    link(source, files.subList(0, Math.min(count, files.size())), target.resolve(name));
  }

  private static List<Path> files(Path source) throws IOException {
    try (Stream<Path> walk = Files.walk(source)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static void link(Path source, List<Path> files, Path copy) throws IOException {
    for (Path file : files) {
      Path link = copy.resolve(source.relativize(file).toString());
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, file.toAbsolutePath());
    }
  }
}
