package io.fruits.pipeline.model;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fruits.pipeline.image.InputSpec;
import io.fruits.pipeline.image.PixelLayout;
import io.fruits.pipeline.image.PixelScaling;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelHolderTest {

  private static final ModelDescriptor D = ModelDescriptor.MOBILENET_V2;
  private static final SessionSettings S = FeatureExtractorTest.ONE_THREAD;

  @Test
  void twoAcquiresShareOneExtractorUntilBothRelease() {
    Path model = TestImages.mobileNet();
    FeatureExtractor first = ModelHolder.acquire(model, D, S);
    FeatureExtractor second;
    try {
      // Another spelling of the same file.
      second = ModelHolder.acquire(
          model.getParent().resolve(".").resolve(model.getFileName()), D, S);
      assertSame(first, second);
    } finally {
      ModelHolder.release(first);
    }
    // Still open for the second user.
    float[] out = new float[D.featureDimension()];
    second.extract(second.allocateBatch(1), 1, out);

    ModelHolder.release(second);
    FloatBuffer batch = second.allocateBatch(1);
    assertThrows(IllegalStateException.class, () -> second.extract(batch, 1, out));
    assertThrows(IllegalArgumentException.class, () -> ModelHolder.release(second));
  }

  @Test
  void differentFilesGetDifferentExtractors() {
    FeatureExtractor floatModel = ModelHolder.acquire(TestImages.mobileNet(), D, S);
    try {
      Path int8 = TestImages.mobileNet().resolveSibling("mobilenet_v2_1.0_224_int8.onnx");
      FeatureExtractor int8Model = ModelHolder.acquire(int8, D, S);
      try {
        assertNotSame(floatModel, int8Model);
      } finally {
        ModelHolder.release(int8Model);
      }
    } finally {
      ModelHolder.release(floatModel);
    }
  }

  @Test
  void sameFileWithAnotherDescriptorIsRefused() {
    FeatureExtractor extractor = ModelHolder.acquire(TestImages.mobileNet(), D, S);
    try {
      ModelDescriptor other = new ModelDescriptor("other", "input",
          new InputSpec(224, 224, PixelLayout.NHWC, PixelScaling.TORCH), "features", 1280);
      assertThrows(IllegalStateException.class,
          () -> ModelHolder.acquire(TestImages.mobileNet(), other, S));
    } finally {
      ModelHolder.release(extractor);
    }
  }
}
