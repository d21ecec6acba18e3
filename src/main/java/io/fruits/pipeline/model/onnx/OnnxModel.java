package io.fruits.pipeline.model.onnx;

import static io.fruits.pipeline.model.onnx.OnnxFields.DIM_PARAM;
import static io.fruits.pipeline.model.onnx.OnnxFields.DIM_VALUE;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_INITIALIZER;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_INPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_NAME;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_NODE;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_OUTPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.GRAPH_VALUE_INFO;
import static io.fruits.pipeline.model.onnx.OnnxFields.MODEL_GRAPH;
import static io.fruits.pipeline.model.onnx.OnnxFields.MODEL_IR_VERSION;
import static io.fruits.pipeline.model.onnx.OnnxFields.MODEL_OPSET_IMPORT;
import static io.fruits.pipeline.model.onnx.OnnxFields.MODEL_PRODUCER_NAME;
import static io.fruits.pipeline.model.onnx.OnnxFields.MODEL_PRODUCER_VERSION;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_DOMAIN;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_INPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_NAME;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_OP_TYPE;
import static io.fruits.pipeline.model.onnx.OnnxFields.NODE_OUTPUT;
import static io.fruits.pipeline.model.onnx.OnnxFields.OPSET_DOMAIN;
import static io.fruits.pipeline.model.onnx.OnnxFields.OPSET_VERSION;
import static io.fruits.pipeline.model.onnx.OnnxFields.SHAPE_DIM;
import static io.fruits.pipeline.model.onnx.OnnxFields.TENSOR_NAME;
import static io.fruits.pipeline.model.onnx.OnnxFields.TENSOR_TYPE_ELEMENT;
import static io.fruits.pipeline.model.onnx.OnnxFields.TENSOR_TYPE_SHAPE;
import static io.fruits.pipeline.model.onnx.OnnxFields.TYPE_TENSOR;
import static io.fruits.pipeline.model.onnx.OnnxFields.VALUE_NAME;
import static io.fruits.pipeline.model.onnx.OnnxFields.VALUE_TYPE;

import io.fruits.pipeline.model.ModelMismatchException;
import io.fruits.pipeline.model.ModelNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model file parsed into the parts the pipeline needs (IR version, operator sets,
 * producer, and the main graph's nodes, inputs, outputs and value types), read from the protobuf
 * wire format field by field without generated code. Fields it does not name are skipped, never
 * rejected, so files from any ONNX version read. Field numbers are those of {@code onnx.proto}.
 */
public final class OnnxModel {

  private final String source;
  private final byte[] bytes;
  private final long irVersion;
  private final String producer;
  private final Map<String, Long> opsets;
  private final OnnxGraph graph;
  private final int graphFieldStart;
  private final int graphFieldEnd;
  private final WireReader graphMessage;

  private OnnxModel(String source, byte[] bytes) throws IOException {
    this.source = source;
    this.bytes = bytes;
    long ir = 0;
    String producerName = "";
    String producerVersion = "";
    Map<String, Long> imports = new LinkedHashMap<>();
    WireReader graphField = null;
    int start = -1;
    int end = -1;
    WireReader model = new WireReader(bytes, 0, bytes.length);
    while (model.next()) {
      switch (model.field()) {
        case MODEL_IR_VERSION -> ir = model.varint();
        case MODEL_PRODUCER_NAME -> producerName = model.string();
        case MODEL_PRODUCER_VERSION -> producerVersion = model.string();
        case MODEL_OPSET_IMPORT -> readOpset(model.message(), imports);
        case MODEL_GRAPH -> {
          if (graphField != null) {
            throw new ModelMismatchException("model " + source
                + ": more than one graph field, which this reader does not merge");
          }
          start = model.fieldStart();
          graphField = model.message();
          end = model.position();
        }
        default -> model.skip();
      }
    }
    if (graphField == null || ir <= 0) {
      throw new ModelMismatchException("model " + source + ": not an ONNX model (no "
          + (graphField == null ? "graph" : "IR version") + ")");
    }
    this.irVersion = ir;
    this.producer = (producerName + " " + producerVersion).trim();
    this.opsets = Collections.unmodifiableMap(imports);
    this.graphMessage = graphField;
    this.graphFieldStart = start;
    this.graphFieldEnd = end;
    this.graph = readGraph(new WireReader(bytes, graphField.offset(), graphField.length()));
  }

  /**
   * Reads and parses {@code file}.
   *
   * @throws ModelNotFoundException if it is not a readable regular file
   * @throws ModelMismatchException if it is not an ONNX model
   */
  public static OnnxModel read(Path file) throws IOException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ModelNotFoundException("model file " + file + (Files.exists(file)
          ? " is not a readable regular file" : " does not exist"));
    }
    return parse(Files.readAllBytes(file), file.toString());
  }

  /**
   * Parses the bytes of an ONNX file; {@code source} names it in error messages.
   *
   * @throws ModelMismatchException if they are not an ONNX model
   */
  public static OnnxModel parse(byte[] bytes, String source) {
    try {
      return new OnnxModel(source, bytes);
    } catch (IOException e) {
      throw new ModelMismatchException(
          "model " + source + ": not an ONNX model: " + e.getMessage(), e);
    }
  }

  /** Where the model came from, as given to {@link #read} or {@link #parse}. */
  public String source() {
    return source;
  }

  public long irVersion() {
    return irVersion;
  }

  /** Producer name and version, e.g. {@code tf2onnx 1.16.1}; empty when the file gives none. */
  public String producer() {
    return producer;
  }

  /** Imported operator set versions by domain; the default domain {@code ai.onnx} is "". */
  public Map<String, Long> opsets() {
    return opsets;
  }

  public OnnxGraph graph() {
    return graph;
  }

  /** Size of the file in bytes. */
  public int size() {
    return bytes.length;
  }

  /** The file's bytes; shared, not copied: callers must not modify them. */
  byte[] bytes() {
    return bytes;
  }

  /** Where the graph field (tag, length and message) starts in {@link #bytes}. */
  int graphFieldStart() {
    return graphFieldStart;
  }

  /** Where the graph field ends in {@link #bytes} (exclusive). */
  int graphFieldEnd() {
    return graphFieldEnd;
  }

  /** A fresh reader over the graph message's fields. */
  WireReader graphFields() {
    return new WireReader(bytes, graphMessage.offset(), graphMessage.length());
  }

  private static void readOpset(WireReader opset, Map<String, Long> imports) throws IOException {
    String domain = "";
    long version = 0;
    while (opset.next()) {
      switch (opset.field()) {
        case OPSET_DOMAIN -> domain = opset.string();
        case OPSET_VERSION -> version = opset.varint();
        default -> opset.skip();
      }
    }
    imports.put(domain, version);
  }

  private static OnnxGraph readGraph(WireReader graph) throws IOException {
    String name = "";
    List<OnnxNode> nodes = new ArrayList<>();
    List<OnnxValueInfo> inputs = new ArrayList<>();
    List<OnnxValueInfo> outputs = new ArrayList<>();
    List<OnnxValueInfo> valueInfo = new ArrayList<>();
    List<String> initializers = new ArrayList<>();
    while (graph.next()) {
      switch (graph.field()) {
        case GRAPH_NODE -> nodes.add(readNode(graph.message()));
        case GRAPH_NAME -> name = graph.string();
        case GRAPH_INITIALIZER -> initializers.add(readTensorName(graph.message()));
        case GRAPH_INPUT -> inputs.add(readValueInfo(graph.message()));
        case GRAPH_OUTPUT -> outputs.add(readValueInfo(graph.message()));
        case GRAPH_VALUE_INFO -> valueInfo.add(readValueInfo(graph.message()));
        default -> graph.skip();
      }
    }
    return new OnnxGraph(name, nodes, inputs, outputs, valueInfo, initializers);
  }

  private static OnnxNode readNode(WireReader node) throws IOException {
    String name = "";
    String opType = "";
    String domain = "";
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    while (node.next()) {
      switch (node.field()) {
        case NODE_INPUT -> inputs.add(node.string());
        case NODE_OUTPUT -> outputs.add(node.string());
        case NODE_NAME -> name = node.string();
        case NODE_OP_TYPE -> opType = node.string();
        case NODE_DOMAIN -> domain = node.string();
        default -> node.skip();
      }
    }
    return new OnnxNode(name, opType, domain, inputs, outputs);
  }

  private static String readTensorName(WireReader tensor) throws IOException {
    String name = "";
    while (tensor.next()) {
      if (tensor.field() == TENSOR_NAME) {
        name = tensor.string();
      } else {
        tensor.skip();
      }
    }
    return name;
  }

  private static OnnxValueInfo readValueInfo(WireReader value) throws IOException {
    String name = "";
    int elementType = 0;
    List<OnnxValueInfo.Dimension> shape = null;
    while (value.next()) {
      if (value.field() == VALUE_NAME) {
        name = value.string();
      } else if (value.field() == VALUE_TYPE) {
        WireReader type = value.message();
        while (type.next()) {
          if (type.field() != TYPE_TENSOR) {
            type.skip();
            continue;
          }
          WireReader tensor = type.message();
          while (tensor.next()) {
            switch (tensor.field()) {
              case TENSOR_TYPE_ELEMENT -> elementType = (int) tensor.varint();
              case TENSOR_TYPE_SHAPE -> shape = readShape(tensor.message());
              default -> tensor.skip();
            }
          }
        }
      } else {
        value.skip();
      }
    }
    return new OnnxValueInfo(name, elementType, shape);
  }

  private static List<OnnxValueInfo.Dimension> readShape(WireReader shape) throws IOException {
    List<OnnxValueInfo.Dimension> dims = new ArrayList<>();
    while (shape.next()) {
      if (shape.field() != SHAPE_DIM) {
        shape.skip();
        continue;
      }
      WireReader dim = shape.message();
      long value = -1;
      String parameter = null;
      while (dim.next()) {
        switch (dim.field()) {
          case DIM_VALUE -> value = dim.varint();
          case DIM_PARAM -> parameter = dim.string();
          default -> dim.skip();
        }
      }
      dims.add(new OnnxValueInfo.Dimension(value, parameter));
    }
    return dims;
  }
}
