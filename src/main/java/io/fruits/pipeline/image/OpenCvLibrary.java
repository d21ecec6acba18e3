package io.fruits.pipeline.image;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;

/**
 * Loads OpenCV's native libraries (core, imgproc, imgcodecs and the OpenBLAS core links against)
 * once per JVM, from the platform folder of the jar that matches the machine (Linux x86-64 or
 * arm64).
 *
 * <p>JavaCPP extracts them to a cache folder. Unless {@code org.bytedeco.javacpp.cachedir} is set,
 * that folder is placed under {@code java.io.tmpdir}, as ONNX Runtime does: a YARN container's
 * temporary folder is always writable, its user's home folder need not be.
 */
final class OpenCvLibrary {

  private static final String CACHE_DIR = "org.bytedeco.javacpp.cachedir";

  private OpenCvLibrary() {}

  /** Loads the libraries unless this JVM already has; cheap after the first call. */
  static void load() {
    Loaded.ONCE.hashCode();
  }

  /** Initialised once, thread-safely, by the JVM's class initialisation. */
  private static final class Loaded {
    static final Object ONCE = init();

    private static Object init() {
      if (System.getProperty(CACHE_DIR) == null) {
        System.setProperty(CACHE_DIR,
            System.getProperty("java.io.tmpdir") + "/javacpp-cache-" + System.getProperty("user.name"));
      }
      Loader.load(opencv_imgcodecs.class);
      // A map task owns one core: OpenCV's resize must not spread over the others.
      opencv_core.setNumThreads(1);
      return new Object();
    }
  }
}
