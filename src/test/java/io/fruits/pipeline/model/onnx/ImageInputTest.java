package io.fruits.pipeline.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.image.PixelLayout;
import io.fruits.pipeline.model.ModelMismatchException;
import io.fruits.pipeline.testing.SharedData;
import org.junit.jupiter.api.Test;

/** The image input read from the graph, against the shapes ../shared/models/README.md gives. */
class ImageInputTest {

  @Test
  void channelsFirstAndLastAreRead() throws Exception {
    assertEquals(new ImageInput("input", PixelLayout.NCHW, 224, 224),
        ImageInput.of(OnnxModel.read(OnnxModelTest.zooStyle())));
    assertEquals(new ImageInput("input", PixelLayout.NHWC, 224, 224),
        ImageInput.of(OnnxModel.read(SharedData.floatModel())));
  }

  @Test
  void anInputWithoutAnImageShapeIsRefused() throws Exception {
    ModelMismatchException refused = assertThrows(ModelMismatchException.class,
        () -> ImageInput.of(PooledTensorTest.model(PooledTensorTest.node("Relu", "", "x", "y"))));
    assertEquals("model tiny.onnx: input x (not a tensor) is not [N,3,H,W] or [N,H,W,3] with a"
        + " fixed height and width", refused.getMessage());
    assertTrue(ImageInput.layoutOf(new OnnxValueInfo("x", 1, null)).isEmpty());
  }
}
