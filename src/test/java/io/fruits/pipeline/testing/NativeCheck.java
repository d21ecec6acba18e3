package io.fruits.pipeline.testing;

import io.fruits.pipeline.image.ImagePreprocessor;
import io.fruits.pipeline.model.FeatureExtractor;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.SessionSettings;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Decodes photos and embeds them with the cluster jar's native libraries (OpenCV, OpenBLAS,
 * JavaCPP, ONNX Runtime) on whatever machine runs it, and writes the model inputs and features
 * as big-endian floats, so that runs on two machines can be compared (scripts/check-aarch64.sh
 * runs it on x86-64 and, under qemu, on aarch64). Prints one line per photo and the machine.
 *
 * <p>Usage: {@code NativeCheck MODEL OUT_FILE PHOTO...}
 */
public final class NativeCheck {

  private NativeCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: NativeCheck MODEL OUT_FILE PHOTO...");
      System.exit(2);
    }
    Path model = Path.of(args[0]);
    String[] photos = Arrays.copyOfRange(args, 2, args.length);
    ModelDescriptor descriptor = ModelDescriptor.MOBILENET_V2;
    System.out.println("machine: " + System.getProperty("os.arch") + ", java "
        + System.getProperty("java.version"));
    try (FeatureExtractor extractor =
            FeatureExtractor.open(model, descriptor, SessionSettings.defaults());
        ImagePreprocessor preprocessor =
            new ImagePreprocessor(descriptor.input(), 50_000_000, Duration.ofMinutes(10));
        OutputStream file = Files.newOutputStream(Path.of(args[1]));
        DataOutputStream out = new DataOutputStream(file)) {
      FloatBuffer batch = extractor.allocateBatch(photos.length);
      for (int i = 0; i < photos.length; i++) {
        byte[] bytes = Files.readAllBytes(Path.of(photos[i]));
        preprocessor.write(bytes, bytes.length, batch, i);
      }
      float[] features = new float[photos.length * descriptor.featureDimension()];
      extractor.extract(batch, photos.length, features);
      int values = descriptor.input().valuesPerImage();
      for (int i = 0; i < photos.length; i++) {
        double sum = 0;
        for (int j = 0; j < values; j++) {
          float v = batch.get(i * values + j);
          sum += v;
          out.writeFloat(v);
        }
        double norm = 0;
        for (int j = 0; j < descriptor.featureDimension(); j++) {
          float f = features[i * descriptor.featureDimension() + j];
          norm += f * f;
          out.writeFloat(f);
        }
        System.out.printf("%s: input mean %.6f, feature norm %.4f%n",
            Path.of(photos[i]).getFileName(), sum / values, Math.sqrt(norm));
      }
    } catch (IOException e) {
      System.err.println("NativeCheck: " + e.getMessage());
      System.exit(1);
    }
  }
}
