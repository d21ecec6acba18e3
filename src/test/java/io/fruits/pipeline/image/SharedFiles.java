package io.fruits.pipeline.image;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared test data outside the repository: the folder named by the system property
 * {@code fruits.shared.dir} (Surefire sets it), else {@code ../shared} for IDE runs.
 */
public final class SharedFiles {

  private SharedFiles() {}

  public static Path dir() {
    Path dir = Path.of(System.getProperty("fruits.shared.dir", "../shared"));
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("shared test data not found at " + dir.toAbsolutePath()
          + "; set -Dfruits.shared.dir");
    }
    return dir;
  }

  /** Fruits-360 photos, one folder per class, 100×100 JPEGs. */
  public static Path fruitsSample() {
    return dir().resolve("data/fruits-360-sample");
  }

  /** Photos with known ImageNet top-1 classes (see models/README.md). */
  public static Path imagenetCheck() {
    return dir().resolve("data/imagenet-check");
  }

  public static Path models() {
    return dir().resolve("models");
  }
}
