package io.fruits.pipeline.model.onnx;

import io.fruits.pipeline.image.PixelLayout;
import io.fruits.pipeline.model.ModelMismatchException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A model's image input as its graph declares it: the name, the layout (3 channels first or last)
 * and a fixed height and width, as a model descriptor needs them.
 *
 * @param name the input's name
 * @param layout NCHW or NHWC
 * @param width columns per image
 * @param height rows per image
 */
public record ImageInput(String name, PixelLayout layout, int width, int height) {

  /**
   * The single data input of {@code model}.
   *
   * @throws ModelMismatchException if the model has not exactly one data input, or its shape is
   *     not {@code [N,3,H,W]} or {@code [N,H,W,3]} with a fixed H and W
   */
  public static ImageInput of(OnnxModel model) {
    List<OnnxValueInfo> inputs = model.graph().dataInputs();
    if (inputs.size() != 1) {
      throw new ModelMismatchException("model " + model.source() + ": expected one image input,"
          + " found " + inputs.size() + ": " + inputs.stream()
              .map(input -> input.name() + " " + input.describe()).collect(Collectors.joining(", ")));
    }
    OnnxValueInfo input = inputs.get(0);
    PixelLayout layout = layoutOf(input).orElseThrow(() -> notAnImage(model, input));
    long[] dims = input.dimensions();
    long height = layout == PixelLayout.NCHW ? dims[2] : dims[1];
    long width = layout == PixelLayout.NCHW ? dims[3] : dims[2];
    if (height <= 0 || width <= 0 || height > Integer.MAX_VALUE || width > Integer.MAX_VALUE) {
      throw notAnImage(model, input);
    }
    return new ImageInput(input.name(), layout, (int) width, (int) height);
  }

  /** NHWC when a 4-d input has 3 channels last, NCHW when first; empty when neither tells. */
  public static Optional<PixelLayout> layoutOf(OnnxValueInfo input) {
    long[] dims = input.dimensions();
    boolean channelsLast = dims != null && dims.length == 4 && dims[3] == 3;
    boolean channelsFirst = dims != null && dims.length == 4 && dims[1] == 3;
    if (channelsLast == channelsFirst) {
      return Optional.empty();
    }
    return Optional.of(channelsLast ? PixelLayout.NHWC : PixelLayout.NCHW);
  }

  private static ModelMismatchException notAnImage(OnnxModel model, OnnxValueInfo input) {
    return new ModelMismatchException("model " + model.source() + ": input " + input.name() + " "
        + input.describe() + " is not [N,3,H,W] or [N,H,W,3] with a fixed height and width");
  }
}
