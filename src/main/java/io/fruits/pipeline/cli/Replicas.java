package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Makes a larger benchmark input by linking a folder's files into N copies of its tree. */
final class Replicas {

  private Replicas() {}

  /** {@code source} itself for one copy, else {@code target/copy-<i>/...} for i < copies. */
  static Path of(Path source, int copies, Path target) throws IOException {
    if (copies < 1) {
      throw new InvalidConfigException("--repeat must be at least 1, got " + copies);
    }
    if (copies == 1) {
      return source;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (int i = 0; i < copies; i++) {
      Path copy = target.resolve("copy-" + i);
      for (Path file : files) {
        Path link = copy.resolve(source.relativize(file).toString());
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, file.toAbsolutePath());
      }
    }
    return target;
  }
}
