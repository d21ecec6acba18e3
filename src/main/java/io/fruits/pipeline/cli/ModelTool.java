package io.fruits.pipeline.cli;

import io.fruits.pipeline.image.InputSpec;
import io.fruits.pipeline.image.PixelScaling;
import io.fruits.pipeline.model.FeatureExtractor;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.ModelDescriptorJson;
import io.fruits.pipeline.model.ModelMismatchException;
import io.fruits.pipeline.model.SessionSettings;
import io.fruits.pipeline.model.onnx.ImageInput;
import io.fruits.pipeline.model.onnx.OnnxGraph;
import io.fruits.pipeline.model.onnx.OnnxModel;
import io.fruits.pipeline.model.onnx.OnnxNode;
import io.fruits.pipeline.model.onnx.OnnxValueInfo;
import io.fruits.pipeline.model.onnx.OutputAddition;
import io.fruits.pipeline.model.onnx.PooledTensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;

/**
 * The {@code model} command, pure Java and local files only: {@code model inspect FILE} prints an
 * ONNX model's inputs, outputs and last nodes, where the pooled-features tensor of a classifier
 * shows up as a GlobalAveragePool output; {@code model add-output FILE OUT_FILE [TENSOR] [--name
 * NAME] [--scaling S]} writes a copy of the model with that tensor (by default the output of the
 * last GlobalAveragePool) as an extra output, and with {@code --scaling} the descriptor the copy
 * needs. Exit codes: 0 done, 2 bad arguments or an unusable model (one line on stderr).
 */
public class ModelTool extends Configured implements Tool {

  static final String USAGE = "model inspect FILE [--nodes N]"
      + " | model add-output FILE OUT_FILE [TENSOR] [--name NAME] [--scaling S]";

  private static final String SCALINGS = Arrays.stream(PixelScaling.values())
      .map(ModelTool::spelling).collect(Collectors.joining(", "));

  static final Options OPTIONS = new Options()
      .addOption(LongOptions.valued("nodes", "N", "inspect: how many of the last nodes to list (default 10)"))
      .addOption(LongOptions.valued("name", "NAME",
          "add-output: name the new output NAME (through an Identity node) instead of TENSOR;"
              + " without TENSOR, the output of the last GlobalAveragePool node is added"))
      .addOption(LongOptions.valued("scaling", "S", "add-output: also write OUT_FILE's descriptor"
          + " (the .json next to it, named after it) for input scaling S: " + SCALINGS))
      .addOption(LongOptions.flag("help", "print this help"));

  @Override
  public int run(String[] args) throws IOException {
    CommandLine line;
    try {
      line = new DefaultParser().parse(OPTIONS, args);
    } catch (ParseException e) {
      return userError(e.getMessage());
    }
    if (line.hasOption("help")) {
      System.out.println("usage: " + USAGE);
      return 0;
    }
    int nodes;
    try {
      nodes = Integer.parseInt(line.getOptionValue("nodes", "10"));
    } catch (NumberFormatException e) {
      return userError("--nodes must be an integer, got '" + line.getOptionValue("nodes") + "'");
    }
    PixelScaling scaling = null;
    if (line.hasOption("scaling")) {
      String value = line.getOptionValue("scaling");
      scaling = Arrays.stream(PixelScaling.values())
          .filter(constant -> spelling(constant).equals(value)).findFirst().orElse(null);
      if (scaling == null) {
        return userError("--scaling must be one of " + SCALINGS + ", got '" + value + "'");
      }
    }
    List<String> words = line.getArgList();
    String action = words.isEmpty() ? "" : words.get(0);
    try {
      if (action.equals("inspect") && words.size() == 2) {
        inspect(OnnxModel.read(Paths.get(words.get(1))), nodes);
      } else if (action.equals("add-output") && (words.size() == 3 || words.size() == 4)) {
        OnnxModel model = OnnxModel.read(Paths.get(words.get(1)));
        String tensor = words.size() == 4 ? words.get(3) : pooledTensor(model);
        addOutput(model, Paths.get(words.get(2)), tensor, line.getOptionValue("name", tensor),
            scaling);
      } else {
        return userError("expected " + USAGE + ", got '" + String.join(" ", args) + "'");
      }
      return 0;
    } catch (ModelMismatchException e) {
      return userError(e.getMessage());
    }
  }

  /** Prints the model's header, inputs, outputs and its last {@code lastNodes} nodes. */
  private static void inspect(OnnxModel model, int lastNodes) {
    PrintStream out = System.out;
    OnnxGraph graph = model.graph();
    String opsets = model.opsets().entrySet().stream()
        .map(e -> (e.getKey().isEmpty() ? "ai.onnx" : e.getKey()) + " " + e.getValue())
        .collect(Collectors.joining(", "));
    out.printf(Locale.ROOT, "model %s: %,d bytes, IR %d, opsets %s%s%n", model.source(),
        model.size(), model.irVersion(), opsets,
        model.producer().isEmpty() ? "" : ", producer " + model.producer());
    out.printf(Locale.ROOT, "graph %s: %d nodes, %d initializers%n", graph.name(),
        graph.nodes().size(), graph.initializerNames().size());
    out.println("inputs:");
    graph.dataInputs().forEach(input -> out.println("  " + input.name() + "  " + input.describe()));
    out.println("outputs:");
    graph.outputs().forEach(output -> out.println("  " + output.name() + "  " + output.describe()));
    List<OnnxNode> nodes = graph.nodes();
    int first = Math.max(0, nodes.size() - Math.max(0, lastNodes));
    out.printf(Locale.ROOT, "last %d of %d nodes (index, op type, inputs -> outputs):%n",
        nodes.size() - first, nodes.size());
    for (int i = first; i < nodes.size(); i++) {
      OnnxNode node = nodes.get(i);
      String outputs = node.outputs().stream()
          .map(name -> name + graph.typeOf(name).map(type -> " " + type.describe()).orElse(""))
          .collect(Collectors.joining(", "));
      out.printf(Locale.ROOT, "  %4d  %-18s %s -> %s%s%n", i,
          (node.domain().isEmpty() ? "" : node.domain() + ".") + node.opType(),
          String.join(", ", node.inputs()), outputs,
          node.name().isEmpty() ? "" : "  (" + node.name() + ")");
    }
  }

  /** The output of the model's last GlobalAveragePool node, which it names on stdout. */
  private static String pooledTensor(OnnxModel model) {
    String tensor = PooledTensor.find(model);
    System.out.println("pooled features: " + tensor + ", the output of the last "
        + PooledTensor.OP_TYPE + " node");
    return tensor;
  }

  private static void addOutput(OnnxModel model, Path outFile, String tensor, String name,
      PixelScaling scaling) throws IOException {
    // Read before anything is written: a model that is not an image model fails here.
    ImageInput input = scaling == null ? null : ImageInput.of(model);
    byte[] written = OutputAddition.apply(model, tensor, name);
    Files.write(outFile, written);
    OnnxValueInfo added = OnnxModel.parse(written, outFile.toString()).graph().typeOf(name)
        .orElseThrow(() -> new IllegalStateException("the written model lacks output " + name));
    System.out.printf(Locale.ROOT, "wrote %s (%,d bytes): added output %s %s%n", outFile,
        written.length, name, added.describe());
    long[] dims = added.dimensions();
    long perImage = dims == null || dims.length < 2 ? -1 : 1;
    for (int i = 1; perImage > 0 && i < dims.length; i++) {
      perImage = dims[i] > 0 ? perImage * dims[i] : -1;
    }
    Path json = outFile.resolveSibling(
        ModelDescriptorJson.sidecarName(outFile.getFileName().toString()));
    if (input != null) {
      if (perImage <= 0 || perImage > Integer.MAX_VALUE) {
        throw new ModelMismatchException("model " + outFile + ": output " + name + " "
            + added.describe() + " has no fixed size per image; write the descriptor by hand");
      }
      String modelName = json.getFileName().toString().replaceFirst("\\.json$", "");
      writeDescriptor(outFile, json, new ModelDescriptor(modelName, input.name(),
          new InputSpec(input.width(), input.height(), input.layout(), scaling), name,
          (int) perImage));
    } else if (perImage > 0) {
      System.out.printf(Locale.ROOT,
          "its descriptor %s needs \"features\": {\"output\": \"%s\", \"dimension\": %d}"
              + " (--scaling writes it)%n", json, name, perImage);
    }
  }

  /** Writes {@code descriptor} to {@code json} once the model opens with it, and prints it. */
  private static void writeDescriptor(Path model, Path json, ModelDescriptor descriptor)
      throws IOException {
    try (FeatureExtractor opened =
        FeatureExtractor.open(model, descriptor, SessionSettings.defaults())) {
      // Opening checks the model against the descriptor, as every run does before it starts.
    }
    String text = ModelDescriptorJson.toIndentedJson(descriptor) + "\n";
    Files.writeString(json, text);
    System.out.print("wrote " + json + ":\n" + text);
  }

  private static String spelling(PixelScaling scaling) {
    return scaling.name().toLowerCase(Locale.ROOT);
  }

  private static int userError(String message) {
    System.err.println("fruits-pipeline model: " + message);
    return 2;
  }
}
