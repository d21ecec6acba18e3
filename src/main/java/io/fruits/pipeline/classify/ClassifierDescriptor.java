package io.fruits.pipeline.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fruits.pipeline.image.InputSpec;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.ModelDescriptorJson;
import io.fruits.pipeline.model.ModelMismatchException;
import io.fruits.pipeline.model.onnx.ClassifierGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON file beside an exported classifier, for the people and programs that load it: the
 * input (name, shape, scaling as a formula), the outputs, the labels in order, and the
 * fingerprints of the model file, of the embedding model and of the PCA it was built from. Its
 * {@code descriptor} member is a {@link ModelDescriptorJson} whose output is the probabilities,
 * which is how {@code classify} runs the model with the embedding code.
 *
 * @param sha256 of the classifier's ONNX file
 * @param descriptor the input and the probabilities output as a model descriptor
 * @param labels the label of each probability, in order
 */
public record ClassifierDescriptor(String sha256, ModelDescriptor descriptor, List<String> labels) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ClassifierDescriptor {
    labels = List.copyOf(labels);
  }

  /** The descriptor of a classifier exported from {@code embedding} with {@code labels}. */
  public static ClassifierDescriptor of(String sha256, ModelDescriptor embedding,
      List<String> labels) {
    return new ClassifierDescriptor(sha256, new ModelDescriptor(embedding.name() + "+classifier",
        embedding.inputName(), embedding.input(), ClassifierGraph.PROBABILITIES, labels.size()),
        labels);
  }

  /**
   * The file's JSON.
   *
   * @param provenance what it was built from (embedding model, PCA, training), copied as it is
   */
  public String toJson(String modelFile, ObjectNode provenance) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", modelFile);
    root.put("sha256", sha256);
    InputSpec spec = descriptor.input();
    ObjectNode input = root.putObject("input");
    input.put("name", descriptor.inputName());
    input.putArray("shape").add("N").add(shape(spec)[0]).add(shape(spec)[1]).add(shape(spec)[2]);
    input.put("type", "float32");
    input.put("layout", spec.layout().name());
    input.put("scaling", scalingFormula(spec));
    input.put("resize", "the whole image to " + spec.width() + "x" + spec.height()
        + ", no crop: area average when reducing, bilinear when enlarging");
    ObjectNode outputs = root.putObject("outputs");
    outputs.put(ClassifierGraph.PROBABILITIES, "float32 [N, " + labels.size()
        + "]: one probability per label, in the order of labels; they sum to 1");
    outputs.put(ClassifierGraph.PCA_SCORES, "float32 [N, k]: the PCA scores the run's Parquet holds");
    root.putArray("labels").addAll(labels.stream().map(JSON.getNodeFactory()::textNode).toList());
    root.setAll(provenance);
    try {
      root.set("descriptor", JSON.readTree(ModelDescriptorJson.toJson(descriptor)));
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /**
   * Reads the file's JSON back.
   *
   * @throws ModelMismatchException naming {@code source} if it is not a classifier descriptor
   */
  public static ClassifierDescriptor parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ModelMismatchException(source + " is not JSON: " + e.getOriginalMessage());
    }
    for (String field : new String[] {"sha256", "labels", "descriptor"}) {
      if (root == null || !root.has(field)) {
        throw new ModelMismatchException(source + ": '" + field + "' is missing; not a classifier"
            + " descriptor written by train");
      }
    }
    List<String> labels = new ArrayList<>();
    root.get("labels").forEach(label -> labels.add(label.asText()));
    ModelDescriptor descriptor =
        ModelDescriptorJson.parse(root.get("descriptor").toString(), source + " descriptor");
    if (descriptor.featureDimension() != labels.size()) {
      throw new ModelMismatchException(source + ": " + labels.size() + " labels for "
          + descriptor.featureDimension() + " probabilities");
    }
    return new ClassifierDescriptor(root.get("sha256").asText(), descriptor, labels);
  }

  private static int[] shape(InputSpec spec) {
    return switch (spec.layout()) {
      case NHWC -> new int[] {spec.height(), spec.width(), 3};
      case NCHW -> new int[] {3, spec.height(), spec.width()};
    };
  }

  private static String scalingFormula(InputSpec spec) {
    return switch (spec.scaling()) {
      case TF -> "RGB, x / 127.5 - 1 (values in [-1, 1])";
      case TORCH -> "RGB, (x / 255 - mean) / std, mean (0.485, 0.456, 0.406),"
          + " std (0.229, 0.224, 0.225)";
      case CAFFE -> "BGR, x - mean, mean B 103.939, G 116.779, R 123.68";
    };
  }
}
