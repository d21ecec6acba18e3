package io.fruits.pipeline.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The classpath a mini-cluster container starts with, set up like a real node's: Hadoop and the
 * libraries it needs, but neither our classes nor anything the job jar bundles, so every task
 * has to load the pipeline, ONNX Runtime and OpenCV (with their native libraries) and Parquet
 * from the job jar.
 *
 * <p>Left alone, a {@code MiniYARNCluster} hands each container the test JVM's whole classpath
 * ({@code yarn.is.minicluster}), {@code target/classes} included, which would hide a job jar
 * that is missing classes or was never shipped.
 */
final class ContainerClasspath {

  private ContainerClasspath() {}

  /**
   * The entries of {@code java.class.path} that are jars and share no class with
   * {@code jobJar}; directories (our classes and test classes) are dropped as well.
   */
  static List<String> hadoopSide(File jobJar) {
    Set<String> bundled = classes(jobJar);
    List<String> kept = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      File file = new File(entry);
      if (file.isFile() && entry.endsWith(".jar") && !sharesAClass(file, bundled)) {
        kept.add(file.getAbsolutePath());
      }
    }
    return List.copyOf(kept);
  }

  private static boolean sharesAClass(File jar, Set<String> classes) {
    try (JarFile file = new JarFile(jar)) {
      for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (isCode(name) && classes.contains(name)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
  }

  private static Set<String> classes(File jar) {
    Set<String> classes = new HashSet<>();
    try (JarFile file = new JarFile(jar)) {
      for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (isCode(name)) {
          classes.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the job jar " + jar, e);
    }
    return classes;
  }

  /**
   * Class files and native libraries ({@code .so}, OpenCV's natives come in jars without classes)
   * outside {@code META-INF}: module descriptors and multi-release copies there have the same
   * names in unrelated jars (and the shade plugin does not relocate the latter).
   */
  private static boolean isCode(String name) {
    return (name.endsWith(".class") || name.matches(".*\\.so(\\.[0-9]+)*"))
        && !name.startsWith("META-INF/") && !name.equals("module-info.class");
  }
}
