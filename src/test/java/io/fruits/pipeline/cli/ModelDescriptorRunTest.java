package io.fruits.pipeline.cli;

import static io.fruits.pipeline.testing.Embeddings.cosine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.image.ImageDecoder;
import io.fruits.pipeline.image.ImageTensorWriter;
import io.fruits.pipeline.model.FeatureExtractor;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.SessionSettings;
import io.fruits.pipeline.model.onnx.OnnxModel;
import io.fruits.pipeline.model.onnx.OutputAddition;
import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code run} command with a model that brings its own descriptor file: the Zoo-style variant
 * with its pooled tensor added as an output embeds the photos as the default model does.
 */
class ModelDescriptorRunTest {

  @TempDir static Path temp;
  static Path input;
  static Path model;

  @BeforeAll
  static void prepare() throws Exception {
    input = temp.resolve("in");
    SharedData.copyAsDataset(SharedData.fruits(2, 3), input);
    model = temp.resolve("zoo_pooled.onnx");
    Files.write(model, OutputAddition.apply(OnnxModel.read(
        SharedData.models().resolve("variants/mobilenet_v2_zoo_style.onnx")), "pool_272", "pool_272"));
    Files.writeString(temp.resolve("zoo_pooled.json"), """
        {"name": "zoo_pooled",
         "input": {"name": "input", "width": 224, "height": 224, "scaling": "torch"},
         "features": {"output": "pool_272", "dimension": 1280}}""");
  }

  @Test
  void theDescriptorNextToTheModelReachesTheTasks() throws Exception {
    Path output = temp.resolve("out");
    CliRun run = CliRun.pipeline(input, output, model, "--pca-k", "3");
    assertEquals(0, run.exit(), run.stderr());

    List<Group> rows = ParquetRows.read(new Configuration(),
        new org.apache.hadoop.fs.Path(output.resolve("features").toUri()));
    assertEquals(6, rows.size());
    try (FeatureExtractor reference = FeatureExtractor.open(SharedData.floatModel(),
        ModelDescriptor.MOBILENET_V2, new SessionSettings(1, 1))) {
      ImageTensorWriter writer = new ImageTensorWriter(ModelDescriptor.MOBILENET_V2.input());
      for (Group row : rows) {
        Path photo = Path.of(new org.apache.hadoop.fs.Path(row.getString("path", 0)).toUri());
        byte[] bytes = Files.readAllBytes(photo);
        FloatBuffer batch = reference.allocateBatch(1);
        writer.write(new ImageDecoder(50_000_000).decode(bytes, bytes.length), batch, 0);
        float[] expected = new float[1280];
        reference.extract(batch, 1, expected);
        float[] actual = ParquetRows.floats(row, "features");
        double cosine = cosine(expected, actual);
        assertTrue(cosine >= 0.9999, photo + ": cosine " + cosine);
      }
    }
    String summary = Files.readString(output.resolve("summary.json"));
    assertTrue(summary.contains("zoo_pooled/fp32/sha256:"), summary);
  }

  @Test
  void aDescriptorThatDisagreesWithTheModelIsAUserError() throws Exception {
    Path other = temp.resolve("wrong.onnx");
    Files.copy(model, other);
    Files.writeString(temp.resolve("wrong.json"), """
        {"name": "wrong",
         "input": {"name": "input", "layout": "NHWC", "width": 224, "height": 224, "scaling": "tf"},
         "features": {"output": "pool_272", "dimension": 1280}}""");
    CliRun run = CliRun.pipeline(input, temp.resolve("never"), other);
    assertEquals(2, run.exit(), run.stderr());
    assertTrue(run.stderr().contains("does not fit wrong: expected a single input 'input' of shape"
        + " [N,224,224,3] (NHWC) but the model has inputs: input [N,3,224,224]"), run.stderr());
    assertFalse(Files.exists(temp.resolve("never")));

    Files.writeString(temp.resolve("wrong.json"), "{\"name\": \"wrong\"");
    run = CliRun.pipeline(input, temp.resolve("never"), other);
    assertEquals(2, run.exit(), run.stderr());
    assertTrue(run.stderr().contains("model descriptor " + temp.resolve("wrong.json").toUri().getPath()),
        run.stderr());
  }
}
