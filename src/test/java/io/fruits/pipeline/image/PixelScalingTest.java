package io.fruits.pipeline.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PixelScalingTest {

  @Test
  void tfMapsToMinusOneOne() {
    for (int c = 0; c < 3; c++) {
      assertEquals(-1f, PixelScaling.TF.apply(c, 0));
      assertEquals(1f, PixelScaling.TF.apply(c, 255));
      assertEquals(-0.6f, PixelScaling.TF.apply(c, 51), 1e-7);
      assertEquals(c, PixelScaling.TF.rgbComponent(c));
    }
  }

  @Test
  void torchUsesImagenetMeanAndStdInRgbOrder() {
    assertEquals((128 / 255.0 - 0.485) / 0.229, PixelScaling.TORCH.apply(0, 128), 1e-6);
    assertEquals((128 / 255.0 - 0.456) / 0.224, PixelScaling.TORCH.apply(1, 128), 1e-6);
    assertEquals((128 / 255.0 - 0.406) / 0.225, PixelScaling.TORCH.apply(2, 128), 1e-6);
    assertEquals(0, PixelScaling.TORCH.rgbComponent(0));
  }

  @Test
  void caffeSubtractsMeanInBgrOrder() {
    assertEquals(2, PixelScaling.CAFFE.rgbComponent(0));
    assertEquals(1, PixelScaling.CAFFE.rgbComponent(1));
    assertEquals(0, PixelScaling.CAFFE.rgbComponent(2));
    assertEquals(-103.939, PixelScaling.CAFFE.apply(0, 0), 1e-4);
    assertEquals(255 - 116.779, PixelScaling.CAFFE.apply(1, 255), 1e-4);
    assertEquals(100 - 123.68, PixelScaling.CAFFE.apply(2, 100), 1e-4);
  }
}
