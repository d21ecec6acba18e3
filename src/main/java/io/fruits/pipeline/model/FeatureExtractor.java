package io.fruits.pipeline.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ONNX image model on batches of preprocessed images and returns their features.
 *
 * <p>Owns the {@link OrtSession} and the {@link SessionOptions} it was built with (options must
 * outlive the session). The model's input and feature output are checked against the
 * {@link ModelDescriptor} when it is opened. Running is thread-safe, as ONNX Runtime's {@code run}
 * is; share an instance through {@link ModelHolder} rather than opening one per task.
 */
public final class FeatureExtractor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FeatureExtractor.class);

  private final Path modelFile;
  private final ModelDescriptor descriptor;
  private final OrtEnvironment environment;
  private final SessionOptions options;
  private final OrtSession session;
  private volatile boolean closed;
  /**
   * Held shared by every inference and exclusively by {@link #close}, so a session is never freed
   * while a thread is inside it (at JVM exit that crashed the process in native code).
   */
  private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();

  private FeatureExtractor(
      Path modelFile, ModelDescriptor descriptor, OrtEnvironment environment,
      SessionOptions options, OrtSession session) {
    this.modelFile = modelFile;
    this.descriptor = descriptor;
    this.environment = environment;
    this.options = options;
    this.session = session;
  }

  /**
   * Loads {@code modelFile} and checks it against {@code descriptor}.
   *
   * @throws ModelNotFoundException if the file does not exist or cannot be read
   * @throws ModelMismatchException if it is not an ONNX model or its input or feature output does
   *     not match the descriptor
   * @throws InferenceException if ONNX Runtime fails to set up the session options
   */
  public static FeatureExtractor open(
      Path modelFile, ModelDescriptor descriptor, SessionSettings settings) {
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(settings, "settings");
    if (!Files.isRegularFile(modelFile) || !Files.isReadable(modelFile)) {
      throw new ModelNotFoundException(
          "model file " + modelFile + (Files.exists(modelFile)
              ? " is not a readable regular file" : " does not exist"));
    }
    long start = System.nanoTime();
    OrtEnvironment environment = OnnxEnvironment.shared();
    SessionOptions options;
    try {
      options = settings.toSessionOptions();
    } catch (OrtException e) {
      throw new InferenceException("cannot set ONNX Runtime options " + settings, e);
    }
    OrtSession session = null;
    try {
      session = environment.createSession(modelFile.toString(), options);
      new SignatureCheck(modelFile, descriptor)
          .check(session.getInputInfo(), session.getOutputInfo());
      LOG.info("opened model {} ({}) in {} ms with {}", modelFile, descriptor.name(),
          (System.nanoTime() - start) / 1_000_000, settings);
      return new FeatureExtractor(modelFile, descriptor, environment, options, session);
    } catch (OrtException e) {
      ModelMismatchException failure = new ModelMismatchException(
          "model " + modelFile + ": not a loadable ONNX model: " + e.getMessage(), e);
      closeAfterFailure(session, options, failure);
      throw failure;
    } catch (RuntimeException e) {
      closeAfterFailure(session, options, e);
      throw e;
    }
  }

  public ModelDescriptor descriptor() {
    return descriptor;
  }

  public Path modelFile() {
    return modelFile;
  }

  /** A zeroed direct buffer in native byte order for {@code batchSize} images, ready to fill. */
  public FloatBuffer allocateBatch(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
    }
    int values = Math.multiplyExact(batchSize, descriptor.input().valuesPerImage());
    int bytes = Math.multiplyExact(values, Float.BYTES);
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  /**
   * Computes the features of the first {@code n} images of {@code batch} into {@code out}: image
   * i's features are {@code out[i * d, (i + 1) * d)}, d the descriptor's feature dimension.
   */
  public void extract(FloatBuffer batch, int n, float[] out) {
    int values = Math.multiplyExact(n, descriptor.featureDimension());
    if (out.length < values) {
      throw new IllegalArgumentException(
          "out holds " + out.length + " floats, " + n + " images need " + values);
    }
    FloatBuffer features = run(descriptor.featureOutput(), batch, n);
    if (features.remaining() != values) {
      throw new IllegalStateException(descriptor.featureOutput() + " returned "
          + features.remaining() + " floats for " + n + " images, expected " + values);
    }
    features.get(out, 0, values);
  }

  private FloatBuffer run(String outputName, FloatBuffer batch, int n) {
    inUse.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("FeatureExtractor for " + modelFile + " is closed");
      }
      return runOpen(outputName, batch, n);
    } finally {
      inUse.readLock().unlock();
    }
  }

  private FloatBuffer runOpen(String outputName, FloatBuffer batch, int n) {
    int perImage = descriptor.input().valuesPerImage();
    if (n <= 0 || (long) n * perImage > batch.limit()) {
      throw new IllegalArgumentException("cannot run " + n + " images: the batch holds "
          + batch.limit() / perImage + " images of " + perImage + " values");
    }
    // A view of exactly n images, so the tensor's element count matches its explicit shape.
    FloatBuffer images = batch.slice(0, n * perImage);
    try (OnnxTensor input = OnnxTensor.createTensor(environment, images, descriptor.inputShape(n));
        OrtSession.Result result =
            session.run(Map.of(descriptor.inputName(), input), Set.of(outputName))) {
      OnnxTensor output = (OnnxTensor) result.get(0);
      if (output.getInfo().type != OnnxJavaType.FLOAT) {
        throw new IllegalArgumentException("output '" + outputName + "' holds "
            + output.getInfo().type + ", not float");
      }
      return output.getFloatBuffer();
    } catch (OrtException e) {
      throw new InferenceException(
          "ONNX Runtime failed on " + n + " images with model " + modelFile, e);
    }
  }

  /**
   * Closes the session, then its options, once every inference under way has returned; later
   * inferences fail fast. Idempotent.
   */
  @Override
  public void close() {
    inUse.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeAfterUse();
    } finally {
      inUse.writeLock().unlock();
    }
  }

  private void closeAfterUse() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new InferenceException("cannot close the session of model " + modelFile, e);
    } finally {
      options.close();
    }
  }

  private static void closeAfterFailure(
      OrtSession session, SessionOptions options, Exception primary) {
    if (session != null) {
      try {
        session.close();
      } catch (OrtException e) {
        primary.addSuppressed(e);
      }
    }
    options.close();
  }

  /** Compares a model's declared inputs and outputs with a descriptor and names any difference. */
  private record SignatureCheck(Path modelFile, ModelDescriptor descriptor) {

    void check(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
      List<String> problems = new ArrayList<>();
      NodeInfo input = inputs.get(descriptor.inputName());
      if (inputs.size() != 1 || !inputMatches(input)) {
        problems.add("expected a single input '" + descriptor.inputName() + "' of shape "
            + shape(descriptor.inputShape(-1)) + " (" + descriptor.input().layout()
            + ") but the model has inputs: " + describe(inputs));
      }
      if (!outputMatches(outputs.get(descriptor.featureOutput()))) {
        problems.add("expected output '" + descriptor.featureOutput() + "' of shape "
            + shape(new long[] {-1, descriptor.featureDimension()})
            + " but the model has outputs: " + describe(outputs));
      }
      if (!problems.isEmpty()) {
        throw new ModelMismatchException(
            "model " + modelFile + " does not fit " + descriptor.name() + ": "
                + String.join("; ", problems));
      }
    }

    /** Rank 4 float, any batch, the other dimensions as in the descriptor or dynamic. */
    private boolean inputMatches(NodeInfo node) {
      long[] expected = descriptor.inputShape(-1);
      long[] actual = floatShape(node);
      if (actual == null || actual.length != expected.length) {
        return false;
      }
      for (int i = 1; i < expected.length; i++) {
        if (actual[i] != expected[i] && actual[i] != -1) {
          return false;
        }
      }
      return true;
    }

    /**
     * Float, with the non-batch dimensions known and multiplying to the feature dimension: {@code
     * [N,1280]}, or a pooled {@code [N,1280,1,1]} whose values lie in memory exactly alike.
     */
    private boolean outputMatches(NodeInfo node) {
      long[] actual = floatShape(node);
      if (actual == null || actual.length < 2) {
        return false;
      }
      long perImage = 1;
      for (int i = 1; i < actual.length; i++) {
        perImage *= Math.max(actual[i], 0);
      }
      return perImage == descriptor.featureDimension();
    }

    private static long[] floatShape(NodeInfo node) {
      return node != null && node.getInfo() instanceof TensorInfo info
          && info.type == OnnxJavaType.FLOAT ? info.getShape() : null;
    }

    private static String describe(Map<String, NodeInfo> nodes) {
      return nodes.values().stream()
          .map(node -> node.getInfo() instanceof TensorInfo info
              ? node.getName() + " " + shape(info.getShape())
                  + (info.type == OnnxJavaType.FLOAT ? "" : " " + info.type)
              : node.getName() + " (not a tensor)")
          .collect(Collectors.joining(", "));
    }

    /** {@code [N,224,224,3]}: a dynamic batch is N, other dynamic dimensions ?. */
    private static String shape(long[] dims) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < dims.length; i++) {
        parts.add(dims[i] >= 0 ? Long.toString(dims[i]) : i == 0 ? "N" : "?");
      }
      return "[" + String.join(",", parts) + "]";
    }
  }
}
