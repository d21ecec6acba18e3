package io.fruits.pipeline.model;

import io.fruits.pipeline.image.ImageDecoder;
import io.fruits.pipeline.image.ImageRejectedException;
import io.fruits.pipeline.image.ImageTensorWriter;
import io.fruits.pipeline.testing.SharedData;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared model files and a decode-and-write step for the model tests. */
final class TestImages {

  /** Three Fruits-360 photos of different classes. */
  static final List<String> FRUITS = List.of(
      "Banana/100_100.jpg", "Kiwi/33_100.jpg", "Apricot/321_100.jpg");

  private TestImages() {}

  static Path mobileNet() {
    return SharedData.models().resolve("mobilenet_v2_1.0_224.onnx");
  }

  /** The ONNX-Model-Zoo-style variant: NCHW, torch scaling, only {@code logits} as output. */
  static Path zooStyle() {
    return SharedData.models().resolve("variants/mobilenet_v2_zoo_style.onnx");
  }

  static Path fruit(String relative) {
    return SharedData.fruitsSample().resolve(relative);
  }

  /** Decodes {@code file} and writes it into {@code slot} of {@code batch}. */
  static void write(Path file, ImageTensorWriter writer, FloatBuffer batch, int slot)
      throws IOException, ImageRejectedException {
    byte[] bytes = Files.readAllBytes(file);
    writer.write(new ImageDecoder(50_000_000).decode(bytes, bytes.length), batch, slot);
  }
}
