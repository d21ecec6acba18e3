package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.image.InputSpec;
import io.fruits.pipeline.image.PixelLayout;
import io.fruits.pipeline.image.PixelScaling;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.ModelDescriptorJson;
import io.fruits.pipeline.model.onnx.OnnxModel;
import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code model} command as a user runs it: inspect a model, add an output, read errors. */
class ModelToolTest {

  private static final Path ZOO =
      SharedData.models().resolve("variants/mobilenet_v2_zoo_style.onnx");

  @TempDir Path temp;

  @Test
  void inspectListsInputsOutputsAndTheGlobalAveragePool() throws Exception {
    CliRun result = run("inspect", ZOO.toString());
    assertEquals(0, result.exit(), result.stderr());
    String out = result.stdout();
    assertTrue(out.startsWith("model " + ZOO + ": 13,968,601 bytes, IR 7, opsets ai.onnx 13"), out);
    assertTrue(out.contains("graph mobilenet_v2_zoo_style: 102 nodes, 178 initializers\n"), out);
    assertTrue(out.contains(
        "inputs:\n  input  float [N,3,224,224]\noutputs:\n  logits  float [N,1001]\n"), out);
    assertTrue(out.contains("last 10 of 102 nodes"), out);
    assertTrue(out.contains("    99  GlobalAveragePool  relu6_269 -> pool_272\n"), out);
    assertTrue(out.contains("   101  Flatten            conv_273 -> logits float [N,1001]\n"), out);
    // Header, graph, two inputs lines, two outputs lines, the nodes' title and ten nodes.
    assertEquals(2 + 2 + 2 + 1 + 10, out.lines().count(), out);

    assertTrue(run("inspect", ZOO.toString(), "--nodes", "2").stdout()
        .contains("last 2 of 102 nodes"));
  }

  @Test
  void addOutputWritesALoadableCopyWithThePooledTensor() throws Exception {
    Path pooled = temp.resolve("zoo_pooled.onnx");
    CliRun result = run("add-output", ZOO.toString(), pooled.toString(), "pool_272");
    assertEquals(0, result.exit(), result.stderr());
    assertTrue(result.stdout().startsWith("wrote " + pooled + " (13,968,639 bytes): added output"
        + " pool_272 float [N,1280,1,1]\n"), result.stdout());
    assertTrue(result.stdout().contains("its descriptor " + temp.resolve("zoo_pooled.json")
        + " needs \"features\": {\"output\": \"pool_272\", \"dimension\": 1280}"), result.stdout());

    String inspected = run("inspect", pooled.toString()).stdout();
    assertTrue(inspected.contains(
        "outputs:\n  logits  float [N,1001]\n  pool_272  float [N,1280,1,1]\n"), inspected);
    assertEquals(178, OnnxModel.read(pooled).graph().initializerNames().size());

    Path renamed = temp.resolve("zoo_features.onnx");
    assertEquals(0, run("add-output", ZOO.toString(), renamed.toString(), "pool_272",
        "--name", "features").exit());
    assertTrue(run("inspect", renamed.toString(), "--nodes", "1").stdout()
        .contains("   102  Identity           pool_272 -> features float [N,1280,1,1]\n"));
  }

  @Test
  void addOutputWithoutATensorPicksTheLastGlobalAveragePoolAndWritesTheDescriptor()
      throws Exception {
    Path pooled = temp.resolve("zoo_auto.onnx");
    CliRun result = run("add-output", ZOO.toString(), pooled.toString(), "--scaling", "torch");
    assertEquals(0, result.exit(), result.stderr());
    Path json = temp.resolve("zoo_auto.json");
    assertTrue(result.stdout().startsWith(
        "pooled features: pool_272, the output of the last GlobalAveragePool node\n"
        + "wrote " + pooled + " (13,968,639 bytes): added output pool_272 float [N,1280,1,1]\n"
        + "wrote " + json + ":\n{\n"), result.stdout());
    // The same bytes as naming the tensor, and the descriptor the documented zoo model has.
    Path named = temp.resolve("zoo_named.onnx");
    assertEquals(0, run("add-output", ZOO.toString(), named.toString(), "pool_272").exit());
    assertArrayEquals(Files.readAllBytes(named), Files.readAllBytes(pooled));
    String written = Files.readString(json);
    assertTrue(result.stdout().endsWith(written), result.stdout());
    // The zoo-style variant's input and scaling, as ../shared/models/README.md gives them.
    assertEquals(new ModelDescriptor("zoo_auto", "input",
            new InputSpec(224, 224, PixelLayout.NCHW, PixelScaling.TORCH), "pool_272", 1280),
        ModelDescriptorJson.parse(written, json.toString()));

    CliRun described = run("add-output", ZOO.toString(), temp.resolve("zoo_hint.onnx").toString());
    assertEquals(0, described.exit(), described.stderr());
    assertTrue(described.stdout().startsWith("pooled features: pool_272,"), described.stdout());
    assertTrue(Files.notExists(temp.resolve("zoo_hint.json")), "no --scaling, no descriptor");
  }

  @Test
  void mistakesGiveOneLineAndExitCode2() throws Exception {
    assertUserError("expected model inspect FILE", "");
    assertUserError("expected model inspect FILE", "inspect");
    assertUserError("expected model inspect FILE", "frobnicate", ZOO.toString());
    assertUserError("expected model inspect FILE", "add-output", ZOO.toString());
    assertUserError("expected model inspect FILE", "add-output", ZOO.toString(), "out.onnx",
        "pool_272", "extra");
    assertUserError("Unrecognized option: --bogus", "inspect", ZOO.toString(), "--bogus");
    assertUserError("--nodes must be an integer, got 'ten'",
        "inspect", ZOO.toString(), "--nodes", "ten");
    Path missing = temp.resolve("missing.onnx");
    assertUserError("model file " + missing + " does not exist", "inspect", missing.toString());
    Path text = Files.writeString(temp.resolve("text.onnx"), "not a model");
    assertUserError("model " + text + ": not an ONNX model", "inspect", text.toString());
    Path out = temp.resolve("never.onnx");
    assertUserError("no node writes a tensor 'pool_2'", "add-output", ZOO.toString(),
        out.toString(), "pool_2");
    assertTrue(Files.notExists(out), "a refused add-output must not write");
    assertUserError("--scaling must be one of tf, torch, caffe, got 'imagenet'", "add-output",
        ZOO.toString(), out.toString(), "--scaling", "imagenet");
    assertTrue(Files.notExists(out), "a refused add-output must not write");
  }

  private void assertUserError(String expected, String... args) throws Exception {
    CliRun result = run(args);
    assertEquals(2, result.exit(), String.join(" ", args));
    assertTrue(result.stderr().startsWith("fruits-pipeline model: "), result.stderr());
    assertTrue(result.stderr().contains(expected), result.stderr());
    assertEquals(1, result.stderr().lines().count(), result.stderr());
    assertEquals("", result.stdout());
  }

  /** The tool as a user starts it: {@code model <args>} through the jar's Main. */
  private static CliRun run(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "model";
    System.arraycopy(args, 0, command, 1, args.length);
    return CliRun.of(command);
  }
}
