package io.fruits.pipeline.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Reads any float output of a model through ONNX Runtime's own API: {@link FeatureExtractor}
 * serves only the descriptor's feature output, and the model tests also check the classes the
 * model predicts ({@code probabilities}, {@code logits}).
 */
final class ModelOutputs implements AutoCloseable {

  private final ModelDescriptor descriptor;
  private final OrtSession session;

  ModelOutputs(Path model, ModelDescriptor descriptor) throws OrtException {
    this.descriptor = descriptor;
    this.session = OnnxEnvironment.shared().createSession(model.toString());
  }

  /** A batch of {@code n} images laid out as the descriptor says, to fill with ImageTensorWriter. */
  FloatBuffer batch(int n) {
    return FloatBuffer.allocate(n * descriptor.input().valuesPerImage());
  }

  /** All values of output {@code name} for the first {@code n} images of {@code batch}. */
  float[] run(String name, FloatBuffer batch, int n) throws OrtException {
    OrtEnvironment environment = OnnxEnvironment.shared();
    FloatBuffer images = batch.slice(0, n * descriptor.input().valuesPerImage());
    try (OnnxTensor input = OnnxTensor.createTensor(environment, images, descriptor.inputShape(n));
        OrtSession.Result result =
            session.run(Map.of(descriptor.inputName(), input), Set.of(name))) {
      FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[] out = new float[values.remaining()];
      values.get(out);
      return out;
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
