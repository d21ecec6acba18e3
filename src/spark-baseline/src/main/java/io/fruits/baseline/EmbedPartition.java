package io.fruits.baseline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.fruits.pipeline.image.ImagePreprocessor;
import io.fruits.pipeline.image.ImageRejectedException;
import io.fruits.pipeline.image.InputSpec;
import io.fruits.pipeline.image.PixelLayout;
import io.fruits.pipeline.image.PixelScaling;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Embeds one partition's photos, {@code batch} at a time, with the pipeline's own per-image code
 * ({@link ImagePreprocessor}: OpenCV decode, bilinear enlargement, {@code x / 127.5 - 1} into an
 * NHWC slot) and ONNX Runtime with the pipeline's settings (one intra-op thread a task, all graph
 * optimisations, CPU arena), so the comparison is between the two ways of running them, not
 * between decoders. One session per JVM, shared by the local executor's task threads. A photo
 * the preprocessor rejects is left out.
 */
final class EmbedPartition implements FlatMapFunction<Iterator<Row>, Row> {

  private static final long serialVersionUID = 1L;
  /** The model of {@code ../shared/models}, as its README describes its input. */
  private static final InputSpec INPUT = new InputSpec(224, 224, PixelLayout.NHWC,
      PixelScaling.TF);
  /** The pipeline's defaults of fruits.image.max-pixels and fruits.image.decode-timeout. */
  private static final long MAX_PIXELS = 50_000_000L;
  private static final Duration DECODE_TIMEOUT = Duration.ofSeconds(30);
  private static OrtSession session;
  /**
   * Each executor thread's preprocessor (it owns a decode thread and OpenCV's buffers) and batch
   * tensor, kept across partitions rather than built for each of ~32 files; they live as long as
   * the executor, as the session does.
   */
  private static final ThreadLocal<ImagePreprocessor> PREPROCESSOR = ThreadLocal.withInitial(
      () -> new ImagePreprocessor(INPUT, MAX_PIXELS, DECODE_TIMEOUT));
  private static final ThreadLocal<FloatBuffer> TENSOR = new ThreadLocal<>();

  private final String model;
  private final int batch;

  EmbedPartition(String model, int batch) {
    this.model = model;
    this.batch = batch;
  }

  private static synchronized OrtSession session(String model) throws OrtException {
    if (session == null) {
      try (SessionOptions options = new SessionOptions()) {
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OptLevel.ALL_OPT);
        options.setCPUArenaAllocator(true);
        session = OrtEnvironment.getEnvironment().createSession(model, options);
      }
    }
    return session;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> files) throws OrtException, InterruptedException {
    OrtSession ort = session(model);
    FloatBuffer tensor = TENSOR.get();
    if (tensor == null || tensor.capacity() != batch * INPUT.valuesPerImage()) {
      tensor = ByteBuffer.allocateDirect(batch * INPUT.valuesPerImage() * 4)
          .order(ByteOrder.nativeOrder()).asFloatBuffer();
      TENSOR.set(tensor);
    }
    ImagePreprocessor preprocessor = PREPROCESSOR.get();
    List<Row> rows = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    while (files.hasNext()) {
      Row file = files.next();
      byte[] bytes = file.getAs(1);
      try {
        preprocessor.write(bytes, bytes.length, tensor, paths.size());
      } catch (ImageRejectedException e) {
        continue;
      }
      paths.add(file.getString(0));
      if (paths.size() == batch) {
        embed(ort, tensor, paths, rows);
      }
    }
    if (!paths.isEmpty()) {
      embed(ort, tensor, paths, rows);
    }
    return rows.iterator();
  }

  private static void embed(OrtSession ort, FloatBuffer tensor, List<String> paths,
      List<Row> rows) throws OrtException {
    int n = paths.size();
    tensor.rewind().limit(n * INPUT.valuesPerImage());
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor input = OnnxTensor.createTensor(env, tensor, new long[] {n, INPUT.height(), INPUT.width(), 3});
        OrtSession.Result result = ort.run(Map.of("input", input), Set.of("features"))) {
      float[][] features = (float[][]) result.get(0).getValue();
      for (int i = 0; i < n; i++) {
        double[] row = new double[features[i].length];
        for (int j = 0; j < row.length; j++) {
          row[j] = features[i][j];
        }
        String path = paths.get(i);
        String folder = path.substring(0, path.lastIndexOf('/'));
        rows.add(RowFactory.create(path, folder.substring(folder.lastIndexOf('/') + 1),
            Vectors.dense(row)));
      }
    }
    tensor.clear();
    paths.clear();
  }
}
