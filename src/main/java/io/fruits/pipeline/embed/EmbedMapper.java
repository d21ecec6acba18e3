package io.fruits.pipeline.embed;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.image.ImageKeys;
import io.fruits.pipeline.image.ImageRejectedException;
import io.fruits.pipeline.image.ImagePreprocessor;
import io.fruits.pipeline.image.RejectReason;
import io.fruits.pipeline.ingest.ImageFile;
import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.model.FeatureExtractor;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.ModelFingerprint;
import io.fruits.pipeline.model.ModelHolder;
import io.fruits.pipeline.model.ModelKeys;
import io.fruits.pipeline.model.SessionSettings;
import io.fruits.pipeline.output.RejectRow;
import io.fruits.pipeline.pca.CovarianceAccumulator;
import io.fruits.pipeline.pca.CovarianceSumsWritable;
import io.fruits.pipeline.pca.SumsShuffle;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Embeds images with the ONNX model in batches, writes each embedding once (named output
 * {@value #EMBEDDINGS}) or a reject row ({@value #REJECTS}), and accumulates the split's PCA sums,
 * which it emits once at the end as row blocks keyed by block index for the covariance reducers.
 *
 * <p>What happens to a batch's model outputs, and at the end of the task, are the two steps
 * {@link #emit} and {@link #finish}; a mapper that runs another model on the same images (the
 * classifier's) overrides them and keeps the reading, decoding, batching and rejects.
 */
public class EmbedMapper extends Mapper<Text, ImageFile, IntWritable, CovarianceSumsWritable> {

  /** Every image read ends in exactly one of EMBEDDED or REJECTED; rejects are also counted by reason. */
  public enum Counters { IMAGES_READ, IMAGES_EMBEDDED, IMAGES_REJECTED }

  /** Milliseconds this task spent in each step, summed over tasks by Hadoop. */
  public enum Timings { DECODE_MS, INFERENCE_MS, WRITE_MS, PCA_SUMS_MS }

  public static final String EMBEDDINGS = "embeddings";
  public static final String REJECTS = "rejects";
  /** The name the model file is linked under in each task's working folder. */
  public static final String MODEL_LINK = "model.onnx";

  private FeatureExtractor extractor;
  private ImagePreprocessor preprocessor;
  private MultipleOutputs<IntWritable, CovarianceSumsWritable> outputs;
  private CovarianceAccumulator covariance;
  private FloatBuffer batch;
  private float[] features;
  private String[] paths;
  private String[] labels;
  private long[] sizes;
  private long[] modified;
  private int filled;
  private final long[] nanos = new long[Timings.values().length];
  private final EmbeddingWritable embedding = new EmbeddingWritable();

  /**
   * Reads and checks every setting before it takes the model, the decode thread and the native
   * buffers, and gives back what it took if a later step fails: Hadoop runs {@link #cleanup} only
   * after a setup that returned, and under the local runner tasks share the JVM.
   */
  @Override
  protected void setup(Context context) throws IOException {
    Configuration conf = context.getConfiguration();
    ModelDescriptor descriptor = ModelKeys.descriptor(conf);
    SessionSettings settings = ModelKeys.settings(conf);
    int batchSize = EmbedKeys.BATCH_SIZE.getInt(conf);
    long maxPixels = ImageKeys.maxPixels(conf);
    Duration decodeTimeout = ImageKeys.decodeTimeout(conf);
    java.nio.file.Path model = CachedFile.local(context, MODEL_LINK);
    ModelFingerprint.verify(model, ModelKeys.SHA256.require(conf));
    features = new float[batchSize * descriptor.featureDimension()];
    paths = new String[batchSize];
    labels = new String[batchSize];
    sizes = new long[batchSize];
    modified = new long[batchSize];
    outputs = new MultipleOutputs<>(context);
    try {
      extractor = ModelHolder.acquire(model, descriptor, settings);
      batch = extractor.allocateBatch(batchSize);
      preprocessor = new ImagePreprocessor(descriptor.input(), maxPixels, decodeTimeout);
      covariance = new CovarianceAccumulator(descriptor.featureDimension());
    } catch (RuntimeException | Error e) {
      release();
      throw e;
    }
  }

  @Override
  protected void map(Text key, ImageFile image, Context context)
      throws IOException, InterruptedException {
    context.getCounter(Counters.IMAGES_READ).increment(1);
    if (image.readError() != null) {
      reject(context, image.path(), RejectReason.UNREADABLE, image.readError());
      return;
    }
    if (image.tooLarge()) {
      reject(context, image.path(), RejectReason.TOO_LARGE, image.length() + " bytes, limit "
          + image.byteLimit() + " (" + IngestKeys.MAX_BYTES.key() + "); not read");
      return;
    }
    long start = System.nanoTime();
    try {
      preprocessor.write(image.bytes(), image.byteCount(), batch, filled);
    } catch (ImageRejectedException e) {
      reject(context, image.path(), e.reason(), e.detail());
      return;
    } finally {
      nanos[Timings.DECODE_MS.ordinal()] += System.nanoTime() - start;
    }
    paths[filled] = image.path();
    labels[filled] = image.label();
    sizes[filled] = image.length();
    modified[filled] = image.modified();
    filled++;
    if (filled == paths.length) {
      flush(context);
    }
  }

  private void reject(Context context, String path, RejectReason reason, String detail)
      throws IOException, InterruptedException {
    context.getCounter(Counters.IMAGES_REJECTED).increment(1);
    context.getCounter(reason).increment(1);
    outputs.write(REJECTS, null, new RejectRow(path, reason, detail), REJECTS + "/part");
  }

  private void flush(Context context) throws IOException, InterruptedException {
    if (filled == 0) {
      return;
    }
    long start = System.nanoTime();
    extractor.extract(batch, filled, features);
    nanos[Timings.INFERENCE_MS.ordinal()] += System.nanoTime() - start;
    emit(context, filled, features);
    context.getCounter(Counters.IMAGES_EMBEDDED).increment(filled);
    filled = 0;
  }

  /**
   * Writes what the model gave for the batch's first {@code n} images: the embeddings, and their
   * share of the PCA sums.
   *
   * @param values the model's output, {@code featureDimension} values per image
   */
  protected void emit(Context context, int n, float[] values)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    int dimension = extractor.descriptor().featureDimension();
    for (int i = 0; i < n; i++) {
      embedding.set(paths[i], labels[i], sizes[i], modified[i], values, i * dimension, dimension);
      outputs.write(EMBEDDINGS, NullWritable.get(), embedding, EMBEDDINGS + "/part");
    }
    long written = System.nanoTime();
    covariance.addRows(values, n);
    nanos[Timings.WRITE_MS.ordinal()] += written - start;
    nanos[Timings.PCA_SUMS_MS.ordinal()] += System.nanoTime() - written;
  }

  /** The last step of the task, once every image is written: the split's PCA sums. */
  protected void finish(Context context) throws IOException, InterruptedException {
    SumsShuffle.emit(context, covariance.sums(), false);
  }

  /** The path of image {@code i} of the batch being emitted. */
  protected final String path(int i) {
    return paths[i];
  }

  /** The label of image {@code i} of the batch being emitted. */
  protected final String label(int i) {
    return labels[i];
  }

  /** The task's named outputs, for the rows {@link #emit} writes. */
  protected final MultipleOutputs<IntWritable, CovarianceSumsWritable> namedOutputs() {
    return outputs;
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    try {
      flush(context);
      finish(context);
      outputs.close();
      for (Timings timing : Timings.values()) {
        context.getCounter(timing).increment(nanos[timing.ordinal()] / 1_000_000);
      }
    } finally {
      release();
    }
  }

  /** Frees what {@link #setup} took, last taken first; a field still null was never taken. */
  private void release() {
    try {
      if (covariance != null) {
        covariance.close();
      }
      if (preprocessor != null) {
        preprocessor.close();
      }
    } finally {
      if (extractor != null) {
        ModelHolder.release(extractor);
      }
    }
  }
}
