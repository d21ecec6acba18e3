package io.fruits.pipeline.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** Where the deployment files live: the project folder Maven runs the tests in, and the build folder. */
final class ProjectFiles {

  private ProjectFiles() {}

  static Path root() {
    return Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  }

  static Path conf() {
    return root().resolve("conf");
  }

  static Path scripts() {
    return root().resolve("scripts");
  }

  static Path bootstrap() {
    return root().resolve("bootstrap/bootstrap-emr.sh");
  }

  /** The build folder ({@code target}, or whatever -DbuildDir names): the parent of test-classes. */
  static Path buildDir() {
    try {
      Path testClasses = Paths.get(ProjectFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return testClasses.getParent();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every file under {@code folder} whose name ends with {@code suffix}, sorted. */
  static List<Path> find(Path folder, String suffix) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** The shell scripts a user runs or EMR runs: scripts/**.sh and the bootstrap action. */
  static List<Path> shellScripts() throws java.io.IOException {
    List<Path> scripts = new java.util.ArrayList<>(find(scripts(), ".sh"));
    scripts.add(bootstrap());
    return List.copyOf(scripts);
  }
}
