package io.fruits.pipeline.model;

import io.fruits.pipeline.image.InputSpec;
import io.fruits.pipeline.image.PixelLayout;
import io.fruits.pipeline.image.PixelScaling;
import java.util.Objects;

/**
 * What the pipeline needs to know about an image model: its input tensor and preprocessing, and
 * which output holds the image features.
 *
 * @param name model identifier, recorded with the embeddings
 * @param inputName name of the image input tensor
 * @param input size, layout and pixel scaling of that input
 * @param featureOutput name of the output holding the features
 * @param featureDimension features per image
 */
public record ModelDescriptor(
    String name, String inputName, InputSpec input, String featureOutput, int featureDimension) {

  /** MobileNetV2 1.0 at 224×224 as exported for this project: NHWC, [-1, 1], 1280 features. */
  public static final ModelDescriptor MOBILENET_V2 =
      new ModelDescriptor(
          "mobilenet_v2_1.0_224",
          "input",
          new InputSpec(224, 224, PixelLayout.NHWC, PixelScaling.TF),
          "features",
          1280);

  public ModelDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(inputName, "inputName");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(featureOutput, "featureOutput");
    if (featureDimension <= 0) {
      throw new IllegalArgumentException(
          "featureDimension must be positive, got " + featureDimension);
    }
  }

  /** The input tensor shape for a batch of {@code n} images, in the input's layout. */
  public long[] inputShape(long n) {
    long h = input.height();
    long w = input.width();
    return input.layout() == PixelLayout.NHWC
        ? new long[] {n, h, w, 3}
        : new long[] {n, 3, h, w};
  }
}
