package io.fruits.pipeline.testing;

import io.fruits.pipeline.image.ImagePreprocessor;
import io.fruits.pipeline.model.FeatureExtractor;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.SessionSettings;
import java.time.Duration;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Embeds photos one at a time outside any MapReduce code: the reference the jobs are checked against. */
public final class Embeddings {

  private Embeddings() {}

  /** One feature vector per photo, in order. */
  public static float[][] of(Path model, List<Path> photos) throws Exception {
    ModelDescriptor descriptor = ModelDescriptor.MOBILENET_V2;
    float[][] features = new float[photos.size()][];
    try (FeatureExtractor extractor = FeatureExtractor.open(model, descriptor,
            SessionSettings.defaults());
        ImagePreprocessor preprocessor = new ImagePreprocessor(descriptor.input(), 1_000_000, Duration.ofSeconds(30))) {
      FloatBuffer batch = extractor.allocateBatch(1);
      for (int i = 0; i < photos.size(); i++) {
        byte[] bytes = Files.readAllBytes(photos.get(i));
        preprocessor.write(bytes, bytes.length, batch, 0);
        features[i] = new float[descriptor.featureDimension()];
        extractor.extract(batch, 1, features[i]);
      }
    }
    return features;
  }

  /** The cosine of the angle between two feature vectors, in double precision. */
  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
