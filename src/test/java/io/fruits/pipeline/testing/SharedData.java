package io.fruits.pipeline.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** The read-only models and photos in {@code ../shared}, found through {@code -Dfruits.shared.dir}. */
public final class SharedData {

  private SharedData() {}

  public static Path root() {
    Path root = Paths.get(System.getProperty("fruits.shared.dir", "../shared")).toAbsolutePath().normalize();
    assertTrue(Files.isDirectory(root), "shared folder not found at " + root);
    return root;
  }

  public static Path models() {
    return root().resolve("models");
  }

  public static Path floatModel() {
    return models().resolve("mobilenet_v2_1.0_224.onnx");
  }

  /** The int8 variant of {@link #floatModel()}. */
  public static Path int8Model() {
    return models().resolve("mobilenet_v2_1.0_224_int8.onnx");
  }

  public static Path fruitsSample() {
    return root().resolve("data/fruits-360-sample");
  }

  /** Training photos of the same 20 classes as {@link #fruitsSample()} (the Test photos). */
  public static Path fruitsTrainingSample() {
    return root().resolve("data/fruits-360-training-sample");
  }

  /** Ten 12-megapixel phone JPEGs (see its SOURCES.md). */
  public static List<Path> phonePhotos() throws IOException {
    try (Stream<Path> files = Files.list(root().resolve("data/phone-photos"))) {
      return files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
    }
  }

  public static Path imagenetCheck() {
    return root().resolve("data/imagenet-check");
  }

  /** The first {@code perClass} photos (by name) of each of the first {@code classes} classes. */
  public static List<Path> fruits(int classes, int perClass) throws IOException {
    try (Stream<Path> folders = Files.list(fruitsSample())) {
      return folders.filter(Files::isDirectory).sorted().limit(classes)
          .flatMap(folder -> firstFiles(folder, perClass).stream()).toList();
    }
  }

  /** Copies photos into {@code target/<class>/<name>}, the Fruits-360 layout. */
  public static void copyAsDataset(List<Path> photos, Path target) throws IOException {
    for (Path photo : photos) {
      Path folder = target.resolve(photo.getParent().getFileName().toString());
      Files.createDirectories(folder);
      Files.copy(photo, folder.resolve(photo.getFileName().toString()));
    }
  }

  private static List<Path> firstFiles(Path folder, int count) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).sorted().limit(count).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
