package io.fruits.pipeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.image.InputSpec;
import io.fruits.pipeline.image.PixelLayout;
import io.fruits.pipeline.image.PixelScaling;
import io.fruits.pipeline.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelDescriptorJsonTest {

  /** The zoo-style variant's descriptor after {@code model add-output ... pool_272}. */
  static final ModelDescriptor ZOO_POOLED = new ModelDescriptor("mobilenet_v2_zoo_style_pooled",
      "input", new InputSpec(224, 224, PixelLayout.NCHW, PixelScaling.TORCH), "pool_272", 1280);

  @Test
  void theCommittedDescriptorIsTheDefaultAndFitsTheSharedModel() throws Exception {
    Path committed = Paths.get("models/mobilenet_v2_1.0_224.json");
    ModelDescriptor descriptor =
        ModelDescriptorJson.parse(Files.readString(committed), committed.toString());
    assertEquals(ModelDescriptor.MOBILENET_V2, descriptor);
    try (FeatureExtractor extractor = FeatureExtractor.open(
        SharedData.floatModel(), descriptor, FeatureExtractorTest.ONE_THREAD)) {
      assertEquals(descriptor, extractor.descriptor());
    }
  }

  @Test
  void aModelWithoutADescriptorFileGetsTheDefault() throws Exception {
    assertTrue(Files.notExists(SharedData.models().resolve("mobilenet_v2_1.0_224.json")));
    assertEquals(ModelDescriptor.MOBILENET_V2,
        ModelDescriptorJson.forModel(SharedData.floatModel()));
  }

  @Test
  void theDescriptorFileSitsNextToTheModel(@TempDir Path dir) throws Exception {
    assertEquals("m.json", ModelDescriptorJson.sidecarName("m.onnx"));
    assertEquals("mobilenet_v2_1.0_224.json",
        ModelDescriptorJson.sidecarName("mobilenet_v2_1.0_224.ONNX"));
    assertEquals("model.bin.json", ModelDescriptorJson.sidecarName("model.bin"));

    Path model = Files.createSymbolicLink(dir.resolve("zoo.onnx"), TestImages.zooStyle());
    Files.writeString(dir.resolve("zoo.json"), ModelDescriptorJson.toJson(ZOO_POOLED));
    assertEquals(ZOO_POOLED, ModelDescriptorJson.forModel(model));
  }

  @Test
  void anAbsentLayoutIsReadFromTheModelsInputShape() throws Exception {
    String json = """
        {"name": "m", "input": {"name": "input", "width": 224, "height": 224, "scaling": "torch"},
         "features": {"output": "pool_272", "dimension": 1280}}""";
    assertEquals(PixelLayout.NCHW, ModelDescriptorJson.parse(json, "m.json",
        TestImages.zooStyle()).input().layout());
    assertEquals(PixelLayout.NHWC, ModelDescriptorJson.parse(json, "m.json",
        SharedData.floatModel()).input().layout());

    ModelMismatchException e = assertThrows(ModelMismatchException.class,
        () -> ModelDescriptorJson.parse(json, "m.json"));
    assertEquals("model descriptor m.json: input.layout is missing: NHWC or NCHW", e.getMessage());

    String otherInput = json.replace("\"name\": \"input\"", "\"name\": \"image\"");
    e = assertThrows(ModelMismatchException.class,
        () -> ModelDescriptorJson.parse(otherInput, "m.json", SharedData.floatModel()));
    assertTrue(e.getMessage().contains("has no input 'image' to read it from; its inputs: input"
        + " float [N,224,224,3]"), e.getMessage());
  }

  @Test
  void jsonRoundTrips() {
    for (ModelDescriptor descriptor : new ModelDescriptor[] {ModelDescriptor.MOBILENET_V2,
        ZOO_POOLED, new ModelDescriptor("vgg", "data",
            new InputSpec(256, 192, PixelLayout.NCHW, PixelScaling.CAFFE), "fc7", 4096)}) {
      assertEquals(descriptor,
          ModelDescriptorJson.parse(ModelDescriptorJson.toJson(descriptor), "round trip"));
    }
  }

  @Test
  void indentedJsonIsWrittenLikeTheCommittedFile() throws Exception {
    assertEquals(Files.readString(Paths.get("models/mobilenet_v2_1.0_224.json")),
        ModelDescriptorJson.toIndentedJson(ModelDescriptor.MOBILENET_V2) + "\n");
  }

  @Test
  void namesAreCaseInsensitive() {
    String json = """
        {"name": "m", "input": {"name": "x", "layout": "nchw", "width": 32, "height": 16,
         "scaling": "CAFFE"}, "features": {"output": "y", "dimension": 7}}""";
    assertEquals(new ModelDescriptor("m", "x",
            new InputSpec(32, 16, PixelLayout.NCHW, PixelScaling.CAFFE), "y", 7),
        ModelDescriptorJson.parse(json, "m.json"));
  }

  /** A change to the committed descriptor, and what the error must say after the file name. */
  static Stream<Arguments> wrongDescriptors() {
    return Stream.of(
        Arguments.of("\"tf\"", "\"imagenet\"",
            "input.scaling must be one of tf, torch, caffe, got 'imagenet'"),
        Arguments.of("\"NHWC\"", "\"NHCW\"", "input.layout must be one of NHWC, NCHW, got 'NHCW'"),
        Arguments.of("\"dimension\": 1280", "\"dimension\": 0",
            "features.dimension must be a positive integer, got 0"),
        Arguments.of("\"width\": 224", "\"width\": \"224\"",
            "input.width must be a positive integer, got \"224\""),
        Arguments.of("\"height\": 224", "\"height\": 224.5",
            "input.height must be a positive integer, got 224.5"),
        Arguments.of("\"name\": \"input\"", "\"name\": \"\"",
            "input.name must be a non-empty string, got \"\""),
        Arguments.of("\"name\": \"mobilenet_v2_1.0_224\",", "", "name is missing"),
        Arguments.of(",\n    \"dimension\": 1280", "", "features.dimension is missing"),
        Arguments.of("\"scaling\"", "\"scale\"",
            "unknown field input.scale; input has name, layout, width, height, scaling"),
        Arguments.of("\"features\": {", "\"feature\": {",
            "unknown field feature; the file has name, input, features"),
        Arguments.of("\"width\": 224,", "\"width\": 224, \"width\": 225,",
            "not valid JSON: Duplicate field 'width' (line 6, column 26)"),
        Arguments.of("\"dimension\": 1280", "\"dimension\": 1280,",
            "not valid JSON: Unexpected character ('}' (code 125)): was expecting double-quote"),
        Arguments.of("\n}\n", "\n}\n}\n", "not valid JSON: Unexpected close marker '}'"));
  }

  @ParameterizedTest
  @MethodSource("wrongDescriptors")
  void wrongDescriptorsAreRefusedNamingTheField(String from, String to, String expected)
      throws Exception {
    String valid = Files.readString(Paths.get("models/mobilenet_v2_1.0_224.json"));
    String json = valid.replace(from, to);
    assertNotEquals(valid, json, "the change of " + from + " did not apply");
    ModelMismatchException e = assertThrows(ModelMismatchException.class,
        () -> ModelDescriptorJson.parse(json, "bad.json"));
    assertTrue(e.getMessage().startsWith("model descriptor bad.json: " + expected), e.getMessage());
    assertFalse(e.getMessage().contains("Source:"), e.getMessage());
  }

  @Test
  void notAnObjectOrEmpty() {
    ModelMismatchException e = assertThrows(ModelMismatchException.class,
        () -> ModelDescriptorJson.parse("", "empty.json"));
    assertEquals("model descriptor empty.json: the file must be a JSON object, and is missing",
        e.getMessage());
    e = assertThrows(ModelMismatchException.class,
        () -> ModelDescriptorJson.parse("[1, 2]", "list.json"));
    assertEquals("model descriptor list.json: the file must be a JSON object", e.getMessage());
    e = assertThrows(ModelMismatchException.class,
        () -> ModelDescriptorJson.parse("{\"name\": \"m\", \"input\": 3}", "m.json"));
    assertEquals("model descriptor m.json: input must be a JSON object", e.getMessage());
  }
}
