package io.fruits.pipeline.ingest;

/** Derives an image's label from its path: the name of the folder that holds it (Fruits-360 layout). */
public final class ImageLabel {

  private ImageLabel() {}

  /**
   * The parent folder's name, e.g. {@code Apple Golden 2} for
   * {@code s3://bucket/Test/Apple Golden 2/r_19_100.jpg}; empty when the path has no parent folder.
   */
  public static String of(String path) {
    int end = path.lastIndexOf('/');
    if (end <= 0) {
      return "";
    }
    int start = path.lastIndexOf('/', end - 1);
    String folder = path.substring(start + 1, end);
    // "s3://bucket/x.jpg": the parent is the bucket, written "s3:/" + "/bucket"; a scheme is no label.
    return folder.endsWith(":") ? "" : folder;
  }
}
