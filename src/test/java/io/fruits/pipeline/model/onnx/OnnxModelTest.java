package io.fruits.pipeline.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.fruits.pipeline.model.ModelMismatchException;
import io.fruits.pipeline.model.ModelNotFoundException;
import io.fruits.pipeline.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelTest {

  static Path zooStyle() {
    return SharedData.models().resolve("variants/mobilenet_v2_zoo_style.onnx");
  }

  @Test
  void readsTheSharedModelAsOnnxRuntimeDoes() throws Exception {
    OnnxModel model = OnnxModel.read(SharedData.floatModel());
    OnnxGraph graph = model.graph();
    assertEquals(7, model.irVersion());
    assertEquals(Map.of("", 13L), model.opsets());
    assertEquals(Files.size(SharedData.floatModel()), model.size());
    assertEquals("mobilenet_v2_1.0_224", graph.name());
    assertEquals(List.of("input"), graph.dataInputs().stream().map(OnnxValueInfo::name).toList());
    assertEquals("float [N,224,224,3]", graph.dataInputs().get(0).describe());
    assertEquals(List.of("features", "probabilities"),
        graph.outputs().stream().map(OnnxValueInfo::name).toList());
    assertEquals("float [N,1280]", graph.outputs().get(0).describe());

    try (OrtSession session = OrtEnvironment.getEnvironment()
        .createSession(SharedData.floatModel().toString())) {
      assertSameSignature(session.getInputInfo(), graph.dataInputs());
      assertSameSignature(session.getOutputInfo(), graph.outputs());
    }
  }

  @Test
  void findsTheGlobalAveragePoolOfTheZooStyleVariant() throws Exception {
    OnnxGraph graph = OnnxModel.read(zooStyle()).graph();
    assertEquals("float [N,3,224,224]", graph.dataInputs().get(0).describe());
    assertEquals(List.of("logits"), graph.outputs().stream().map(OnnxValueInfo::name).toList());
    OnnxNode pool = graph.producer("pool_272").orElseThrow();
    assertEquals("GlobalAveragePool", pool.opType());
    assertEquals(List.of("pool_272"), pool.outputs());
    assertEquals(1, graph.nodes().stream()
        .filter(node -> node.opType().equals("GlobalAveragePool")).count());
    assertEquals("Flatten", graph.nodes().get(graph.nodes().size() - 1).opType());
    assertTrue(graph.typeOf("pool_272").isEmpty(), "the variant declares no value_info");
    assertTrue(graph.hasTensor("pool_272") && graph.hasTensor("input"));
    assertTrue(graph.initializerNames().contains("w_274"), graph.initializerNames().toString());
    assertFalse(graph.hasTensor("pool_27"));
  }

  @Test
  void filesThatAreNotOnnxAreNamed(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("notes.onnx"), "this is not a model\n");
    ModelMismatchException e =
        assertThrows(ModelMismatchException.class, () -> OnnxModel.read(text));
    assertTrue(e.getMessage().startsWith("model " + text + ": not an ONNX model"), e.getMessage());

    Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
    e = assertThrows(ModelMismatchException.class, () -> OnnxModel.read(empty));
    assertEquals("model " + empty + ": not an ONNX model (no graph)", e.getMessage());

    byte[] whole = Files.readAllBytes(zooStyle());
    e = assertThrows(ModelMismatchException.class,
        () -> OnnxModel.parse(Arrays.copyOf(whole, whole.length / 2), "half.onnx"));
    assertTrue(e.getMessage().startsWith("model half.onnx: not an ONNX model: "), e.getMessage());

    Path missing = dir.resolve("missing.onnx");
    e = assertThrows(ModelNotFoundException.class, () -> OnnxModel.read(missing));
    assertEquals("model file " + missing + " does not exist", e.getMessage());
  }

  private static void assertSameSignature(Map<String, NodeInfo> ort, List<OnnxValueInfo> ours)
      throws Exception {
    assertEquals(ort.keySet(), ours.stream().map(OnnxValueInfo::name).collect(Collectors.toSet()));
    for (OnnxValueInfo value : ours) {
      TensorInfo info = (TensorInfo) ort.get(value.name()).getInfo();
      assertArrayEquals(info.getShape(), value.dimensions(), value.name());
      assertEquals(1, value.elementType(), value.name() + " is not float (TensorProto.FLOAT)");
    }
  }
}
