package io.fruits.pipeline.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fruits.pipeline.image.InputSpec;
import io.fruits.pipeline.image.PixelLayout;
import io.fruits.pipeline.image.PixelScaling;
import org.junit.jupiter.api.Test;

class ModelDescriptorTest {

  @Test
  void mobileNetV2MatchesTheModelReadme() {
    ModelDescriptor d = ModelDescriptor.MOBILENET_V2;
    assertEquals("input", d.inputName());
    assertEquals(new InputSpec(224, 224, PixelLayout.NHWC, PixelScaling.TF), d.input());
    assertEquals("features", d.featureOutput());
    assertEquals(1280, d.featureDimension());
    assertArrayEquals(new long[] {8, 224, 224, 3}, d.inputShape(8));
  }

  @Test
  void nchwShapePutsChannelsFirst() {
    ModelDescriptor d = new ModelDescriptor("zoo", "data",
        new InputSpec(320, 240, PixelLayout.NCHW, PixelScaling.TORCH), "pool", 1280);
    assertArrayEquals(new long[] {2, 3, 240, 320}, d.inputShape(2));
  }

  @Test
  void featureDimensionMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new ModelDescriptor(
        "m", "input", ModelDescriptor.MOBILENET_V2.input(), "features", 0));
  }
}
