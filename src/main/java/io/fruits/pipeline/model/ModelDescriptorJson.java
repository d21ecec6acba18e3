package io.fruits.pipeline.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fruits.pipeline.image.InputSpec;
import io.fruits.pipeline.image.PixelLayout;
import io.fruits.pipeline.image.PixelScaling;
import io.fruits.pipeline.model.onnx.ImageInput;
import io.fruits.pipeline.model.onnx.OnnxModel;
import io.fruits.pipeline.model.onnx.OnnxValueInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads and writes {@link ModelDescriptor}s as the JSON file that sits next to a model, with the
 * model's name and {@code .json} instead of {@code .onnx}:
 *
 * <pre>{@code
 * {
 *   "name": "mobilenet_v2_1.0_224",
 *   "input": {"name": "input", "layout": "NHWC", "width": 224, "height": 224, "scaling": "tf"},
 *   "features": {"output": "features", "dimension": 1280}
 * }
 * }</pre>
 *
 * <p>{@code scaling} is {@code tf}, {@code torch} or {@code caffe} ({@link PixelScaling}). When
 * {@code layout} is left out it is read from the model's input shape: 3 channels last is NHWC,
 * first is NCHW. Every field is checked and unknown fields are refused (a typo would otherwise be
 * silently ignored); errors name the file and the field.
 */
public final class ModelDescriptorJson {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Two-space indentation and {@code "key": value}, as in models/*.json. */
  private static final DefaultPrettyPrinter INDENTED = new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

  private ModelDescriptorJson() {}

  /** The descriptor's file name for a model file name: {@code m.onnx} → {@code m.json}. */
  public static String sidecarName(String modelFileName) {
    String base = modelFileName.toLowerCase(Locale.ROOT).endsWith(".onnx")
        ? modelFileName.substring(0, modelFileName.length() - ".onnx".length()) : modelFileName;
    return base + ".json";
  }

  /**
   * The descriptor of a local model file: its sidecar JSON when there is one, else the built-in
   * {@link ModelDescriptor#MOBILENET_V2}.
   *
   * @throws ModelMismatchException if the sidecar is not a valid descriptor
   */
  public static ModelDescriptor forModel(Path modelFile) throws IOException {
    Path json = modelFile.resolveSibling(sidecarName(modelFile.getFileName().toString()));
    if (!Files.exists(json)) {
      return ModelDescriptor.MOBILENET_V2;
    }
    return parse(Files.readString(json), json.toString(), modelFile);
  }

  /**
   * Parses a descriptor that must name its layout.
   *
   * @param source names the JSON in error messages (a file or a configuration key)
   * @throws ModelMismatchException if the JSON is not a valid descriptor
   */
  public static ModelDescriptor parse(String json, String source) {
    Fields fields = Fields.read(json, source);
    if (fields.layout() == null) {
      throw invalid(source, "input.layout is missing: NHWC or NCHW");
    }
    return fields.descriptor(fields.layout());
  }

  /**
   * Parses a descriptor, reading the layout from {@code modelFile}'s input shape when it is absent.
   *
   * @param source names the JSON in error messages
   * @param modelFile the local model file it describes, read only when the layout is absent
   * @throws ModelMismatchException if the JSON is not a valid descriptor, or the layout is absent
   *     and cannot be read from the model
   */
  public static ModelDescriptor parse(String json, String source, Path modelFile)
      throws IOException {
    Objects.requireNonNull(modelFile, "modelFile");
    Fields fields = Fields.read(json, source);
    return fields.descriptor(fields.layout() != null
        ? fields.layout() : detectLayout(source, modelFile, fields.inputName()));
  }

  /** The descriptor as one line of JSON, layout included; {@link #parse} reads it back. */
  public static String toJson(ModelDescriptor descriptor) {
    return tree(descriptor).toString();
  }

  /** The descriptor as indented JSON, spaced the way descriptor files are written by hand. */
  public static String toIndentedJson(ModelDescriptor descriptor) {
    try {
      return JSON.writer(INDENTED).writeValueAsString(tree(descriptor));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static ObjectNode tree(ModelDescriptor descriptor) {
    ObjectNode root = JSON.createObjectNode().put("name", descriptor.name());
    InputSpec spec = descriptor.input();
    root.putObject("input")
        .put("name", descriptor.inputName())
        .put("layout", spec.layout().name())
        .put("width", spec.width())
        .put("height", spec.height())
        .put("scaling", spec.scaling().name().toLowerCase(Locale.ROOT));
    root.putObject("features")
        .put("output", descriptor.featureOutput())
        .put("dimension", descriptor.featureDimension());
    return root;
  }

  private static PixelLayout detectLayout(String source, Path modelFile, String inputName)
      throws IOException {
    List<OnnxValueInfo> inputs = OnnxModel.read(modelFile).graph().dataInputs();
    OnnxValueInfo input = inputs.stream().filter(value -> value.name().equals(inputName))
        .findFirst().orElseThrow(() -> invalid(source, "input.layout is missing and model "
            + modelFile + " has no input '" + inputName + "' to read it from; its inputs: "
            + describe(inputs)));
    return ImageInput.layoutOf(input).orElseThrow(() -> invalid(source, "input.layout is missing"
        + " and the shape of input '" + inputName + "' in model " + modelFile + ", "
        + input.describe() + ", does not tell NHWC from NCHW; set it"));
  }

  private static String describe(List<OnnxValueInfo> values) {
    return values.stream().map(value -> value.name() + " " + value.describe())
        .collect(Collectors.joining(", "));
  }

  private static ModelMismatchException invalid(String source, String problem) {
    return new ModelMismatchException("model descriptor " + source + ": " + problem);
  }

  /** The fields of a descriptor file, checked, with the layout {@code null} when absent. */
  private record Fields(String name, String inputName, PixelLayout layout, int width, int height,
      PixelScaling scaling, String featureOutput, int featureDimension) {

    static Fields read(String json, String source) {
      JsonNode root;
      try {
        root = JSON.readTree(json);
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        // Jackson may name its (redacted) input source; the file name is already in the message.
        String problem = e.getOriginalMessage()
            .replaceAll(" \\(for \\w+ starting at \\[Source.*?]\\)", "");
        throw invalid(source, "not valid JSON: " + problem + (at == null ? ""
            : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
      }
      Section top = new Section(source, "", root);
      top.allowOnly("name", "input", "features");
      Section input = top.object("input");
      input.allowOnly("name", "layout", "width", "height", "scaling");
      Section features = top.object("features");
      features.allowOnly("output", "dimension");
      String layout = input.optionalText("layout");
      return new Fields(top.text("name"), input.text("name"), layout == null
              ? null : input.constant("layout", layout, PixelLayout.values(), Enum::name),
          input.positive("width"), input.positive("height"),
          input.constant("scaling", input.text("scaling"), PixelScaling.values(),
              scaling -> scaling.name().toLowerCase(Locale.ROOT)),
          features.text("output"), features.positive("dimension"));
    }

    ModelDescriptor descriptor(PixelLayout resolvedLayout) {
      return new ModelDescriptor(name, inputName,
          new InputSpec(width, height, resolvedLayout, scaling), featureOutput, featureDimension);
    }
  }

  /** One JSON object of the descriptor, whose fields are read with checks naming their path. */
  private record Section(String source, String path, JsonNode node) {

    Section {
      if (node == null || !node.isObject()) {
        throw invalid(source, (path.isEmpty() ? "the file" : path) + " must be a JSON object"
            + (node == null || node.isMissingNode() ? ", and is missing" : ""));
      }
    }

    Section object(String field) {
      return new Section(source, name(field), node.get(field));
    }

    void allowOnly(String... fields) {
      List<String> known = Arrays.asList(fields);
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String field = names.next();
        if (!known.contains(field)) {
          throw invalid(source, "unknown field " + name(field) + "; "
              + (path.isEmpty() ? "the file" : path) + " has " + String.join(", ", known));
        }
      }
    }

    String text(String field) {
      String value = optionalText(field);
      if (value == null) {
        throw invalid(source, name(field) + " is missing");
      }
      return value;
    }

    String optionalText(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isTextual() || value.asText().isBlank()) {
        throw invalid(source, name(field) + " must be a non-empty string, got " + value);
      }
      return value.asText();
    }

    int positive(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        throw invalid(source, name(field) + " is missing");
      }
      if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0) {
        throw invalid(source, name(field) + " must be a positive integer, got " + value);
      }
      return value.intValue();
    }

    /** The constant named {@code value}, in any case; errors spell them with {@code spelling}. */
    <E extends Enum<E>> E constant(
        String field, String value, E[] constants, Function<E, String> spelling) {
      for (E constant : constants) {
        if (constant.name().equalsIgnoreCase(value)) {
          return constant;
        }
      }
      throw invalid(source, name(field) + " must be one of "
          + Arrays.stream(constants).map(spelling).collect(Collectors.joining(", "))
          + ", got '" + value + "'");
    }

    private String name(String field) {
      return path.isEmpty() ? field : path + "." + field;
    }
  }
}
