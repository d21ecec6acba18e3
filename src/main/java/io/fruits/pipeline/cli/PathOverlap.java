package io.fruits.pipeline.cli;

import org.apache.hadoop.fs.Path;

/**
 * Whether two qualified paths overlap: one is the other or lies inside it. A command that may
 * delete its output folder refuses an output that overlaps anything it reads.
 */
final class PathOverlap {

  private PathOverlap() {}

  static boolean between(Path a, Path b) {
    return isWithin(a, b) || isWithin(b, a);
  }

  private static boolean isWithin(Path path, Path folder) {
    for (Path p = path; p != null; p = p.getParent()) {
      if (p.equals(folder)) {
        return true;
      }
    }
    return false;
  }
}
