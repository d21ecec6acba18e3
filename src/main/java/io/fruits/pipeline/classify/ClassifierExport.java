package io.fruits.pipeline.classify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.ModelFingerprint;
import io.fruits.pipeline.model.ModelMismatchException;
import io.fruits.pipeline.model.onnx.ClassifierGraph;
import io.fruits.pipeline.model.onnx.OnnxModel;
import io.fruits.pipeline.output.FeatureSchema;
import io.fruits.pipeline.pca.PcaModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the deployable classifier: the embedding model, the PCA and the trained classifier as
 * one ONNX file ({@link ClassifierGraph}), with the labels in its metadata_props, in
 * {@code labels.txt} and in the {@link ClassifierDescriptor} beside it.
 */
public final class ClassifierExport {

  /** metadata_props keys of the exported model. */
  public static final String META_LABELS = "fruits.labels";
  public static final String META_EMBEDDING = "fruits.embedding-model";
  /** The feature files' footer key, so both name k alike. */
  public static final String META_PCA_K = FeatureSchema.FOOTER_PCA_K;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClassifierExport() {}

  /**
   * @param embedding the embedding model's file contents, parsed
   * @param descriptor the embedding model's descriptor
   * @param provenance what the model was built from, for the descriptor file
   * @return the descriptor written
   */
  public static ClassifierDescriptor write(Configuration conf, ClassifierLayout layout,
      OnnxModel embedding, ModelDescriptor descriptor, String embeddingId, PcaModel pca,
      LinearClassifier classifier, ObjectNode provenance) throws IOException {
    List<String> labels = classifier.labels();
    for (String label : labels) {
      if (label.contains("\n") || label.contains("\r")) {
        throw new ModelMismatchException("label '" + label.replace("\n", "\\n")
            + "' has a line break, which labels.txt cannot hold; rename the folder");
      }
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(META_LABELS, JSON.writeValueAsString(labels));
    metadata.put(META_EMBEDDING, embeddingId);
    metadata.put(META_PCA_K, Integer.toString(pca.k()));
    byte[] model = ClassifierGraph.build(embedding, descriptor.featureOutput(), head(pca, classifier),
        metadata);
    ClassifierDescriptor written = ClassifierDescriptor.of(ModelFingerprint.sha256(model), descriptor, labels);
    FileSystem fs = layout.root().getFileSystem(conf);
    write(fs, layout.model(), model);
    write(fs, layout.labels(), (String.join("\n", labels) + "\n").getBytes(StandardCharsets.UTF_8));
    write(fs, layout.descriptor(), written.toJson(ClassifierLayout.MODEL_FILE, provenance)
        .getBytes(StandardCharsets.UTF_8));
    return written;
  }

  /** The PCA's mean and components, the classifier's weights, transposed for ONNX's row vectors. */
  static ClassifierGraph.Head head(PcaModel pca, LinearClassifier classifier) {
    if (pca.k() != classifier.dimension()) {
      throw new IllegalArgumentException("the classifier takes " + classifier.dimension()
          + " scores but the PCA gives " + pca.k());
    }
    int d = pca.dimension();
    int k = pca.k();
    int classes = classifier.labels().size();
    double[] meanValues = pca.mean();
    double[][] rows = pca.components();
    float[] mean = new float[d];
    float[] components = new float[d * k];
    for (int j = 0; j < d; j++) {
      mean[j] = (float) meanValues[j];
      for (int i = 0; i < k; i++) {
        components[j * k + i] = (float) rows[i][j];
      }
    }
    float[] weights = new float[k * classes];
    float[] bias = new float[classes];
    for (int c = 0; c < classes; c++) {
      bias[c] = (float) classifier.bias()[c];
      for (int i = 0; i < k; i++) {
        weights[i * classes + c] = (float) classifier.weights()[c][i];
      }
    }
    return new ClassifierGraph.Head(mean, components, weights, bias);
  }

  private static void write(FileSystem fs, Path file, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(file, false)) {
      out.write(bytes);
    }
  }
}
