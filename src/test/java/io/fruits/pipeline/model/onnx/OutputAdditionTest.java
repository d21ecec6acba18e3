package io.fruits.pipeline.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.fruits.pipeline.model.ModelMismatchException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OutputAdditionTest {

  private static byte[] original;
  private static OnnxModel zoo;

  @BeforeAll
  static void read() throws Exception {
    original = Files.readAllBytes(OnnxModelTest.zooStyle());
    zoo = OnnxModel.parse(original, "zoo.onnx");
  }

  @Test
  void addsThePooledTensorAndKeepsEveryOtherByte() throws Exception {
    byte[] written = OutputAddition.apply(zoo, "pool_272", "pool_272");
    OnnxModel copy = OnnxModel.parse(written, "copy.onnx");

    // Before the graph field and after it, the file is unchanged.
    int start = zoo.graphFieldStart();
    assertEquals(start, copy.graphFieldStart());
    assertTrue(Arrays.equals(original, 0, start, written, 0, start));
    int tail = original.length - zoo.graphFieldEnd();
    assertEquals(tail, written.length - copy.graphFieldEnd());
    assertTrue(Arrays.equals(original, zoo.graphFieldEnd(), original.length,
        written, copy.graphFieldEnd(), written.length));
    // The graph message is the old one with the output appended, and nothing else.
    WireReader before = zoo.graphFields();
    WireReader after = copy.graphFields();
    assertTrue(Arrays.equals(original, before.offset(), before.offset() + before.length(),
        written, after.offset(), after.offset() + before.length()));
    int appended = after.length() - before.length();
    assertTrue(appended > 0 && appended < 64, "appended " + appended + " bytes");
    int prefixGrowth = (copy.graphFieldEnd() - start) - (zoo.graphFieldEnd() - start) - appended;
    assertTrue(prefixGrowth == 0 || prefixGrowth == 1, "length prefix grew " + prefixGrowth);
    assertEquals(original.length + appended + prefixGrowth, written.length);

    OnnxGraph graph = copy.graph();
    assertEquals(zoo.graph().nodes(), graph.nodes());
    assertEquals(zoo.graph().initializerNames(), graph.initializerNames());
    assertEquals(zoo.graph().inputs(), graph.inputs());
    assertEquals(zoo.graph().outputs(), graph.outputs().subList(0, 1));
    assertEquals("pool_272", graph.outputs().get(1).name());
    assertEquals("float [N,1280,1,1]", graph.outputs().get(1).describe());

    try (OrtSession session = OrtEnvironment.getEnvironment().createSession(written)) {
      TensorInfo pooled = (TensorInfo) session.getOutputInfo().get("pool_272").getInfo();
      assertArrayEquals(new long[] {-1, 1280, 1, 1}, pooled.getShape());
      assertEquals(List.of("logits", "pool_272"), new ArrayList<>(session.getOutputNames()));
    }
  }

  @Test
  void aNewNameGoesThroughAnIdentityNode() throws Exception {
    byte[] written = OutputAddition.apply(zoo, "pool_272", "features");
    OnnxGraph graph = OnnxModel.parse(written, "copy.onnx").graph();
    assertEquals(zoo.graph().nodes().size() + 1, graph.nodes().size());
    OnnxNode identity = graph.nodes().get(graph.nodes().size() - 1);
    assertEquals(new OnnxNode("", "Identity", "", List.of("pool_272"), List.of("features")),
        identity);
    assertEquals("float [N,1280,1,1]", graph.typeOf("features").orElseThrow().describe());
    try (OrtSession session = OrtEnvironment.getEnvironment().createSession(written)) {
      assertTrue(session.getOutputNames().contains("features"));
    }
  }

  @Test
  void aDeclaredTypeIsCopiedAsItIs() throws Exception {
    OnnxModel withPool =
        OnnxModel.parse(OutputAddition.apply(zoo, "pool_272", "pool_272"), "with-pool.onnx");
    byte[] again = OutputAddition.apply(withPool, "pool_272", "pooled");
    OnnxGraph graph = OnnxModel.parse(again, "again.onnx").graph();
    assertEquals(graph.typeOf("pool_272").orElseThrow().describe(),
        graph.typeOf("pooled").orElseThrow().describe());
    assertEquals(3, graph.outputs().size());
  }

  @Test
  void refusesTensorsItCannotAdd() {
    ModelMismatchException e = assertThrows(ModelMismatchException.class,
        () -> OutputAddition.apply(zoo, "pool_27", "pool_27"));
    assertTrue(e.getMessage().startsWith("model zoo.onnx: no node writes a tensor 'pool_27'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("GlobalAveragePool -> pool_272"), e.getMessage());

    e = assertThrows(ModelMismatchException.class,
        () -> OutputAddition.apply(zoo, "logits", "logits"));
    assertEquals("model zoo.onnx already has an output 'logits'", e.getMessage());

    e = assertThrows(ModelMismatchException.class,
        () -> OutputAddition.apply(zoo, "pool_272", "conv_273"));
    assertTrue(e.getMessage().contains("already has a tensor 'conv_273'"), e.getMessage());

    e = assertThrows(ModelMismatchException.class,
        () -> OutputAddition.apply(zoo, "input", "input"));
    assertTrue(e.getMessage().contains("no node writes a tensor 'input'"), e.getMessage());
  }
}
