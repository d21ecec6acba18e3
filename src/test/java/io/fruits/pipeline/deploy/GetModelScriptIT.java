package io.fruits.pipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fruits.pipeline.image.InputSpec;
import io.fruits.pipeline.image.PixelLayout;
import io.fruits.pipeline.image.PixelScaling;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.ModelDescriptorJson;
import io.fruits.pipeline.model.onnx.OnnxModel;
import io.fruits.pipeline.model.onnx.OutputAddition;
import io.fruits.pipeline.testing.CliRun;
import io.fruits.pipeline.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/get-model.sh against an HTTP server on 127.0.0.1 serving archives packed the way the
 * ONNX Model Zoo packs mobilenetv2-12 ({@code mobilenetv2-12/mobilenetv2-12.onnx} next to
 * {@code test_data_set_0/}), with ../shared's zoo-style variant as the model and the archive's own
 * checksum given through {@code --url} and {@code --sha256}: the model is downloaded, checked,
 * converted and described, and a run with it succeeds; every failure exits 2 with one line and
 * leaves nothing in the models folder. An IT because the script converts with the packaged jar.
 */
@Timeout(300)
class GetModelScriptIT {

  private static final String NAME = "mobilenetv2-12-pooled";
  private static final Path ZOO_STYLE =
      SharedData.models().resolve("variants/mobilenet_v2_zoo_style.onnx");

  @TempDir static Path archives;
  private static HttpServer server;
  private static byte[] archive;

  @TempDir Path temp;

  @BeforeAll
  static void serveArchives() throws Exception {
    archive = zooArchive(archives.resolve("zoo"), 1);
    byte[] twoModels = zooArchive(archives.resolve("two"), 2);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/mobilenetv2-12.tar.gz", exchange -> send(exchange, archive, archive.length));
    server.createContext("/two-models.tar.gz", exchange -> send(exchange, twoModels, twoModels.length));
    server.createContext("/page.tar.gz", exchange -> send(exchange, page(), page().length));
    // Announces the whole archive, sends half of it and closes the connection.
    server.createContext("/truncated.tar.gz", exchange -> send(exchange, archive, archive.length / 2));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void downloadsChecksConvertsAndDescribesAndARunUsesIt() throws Exception {
    Path models = temp.resolve("models");
    Script run = getModel(models, url("mobilenetv2-12.tar.gz"), sha256(archive));
    assertEquals(0, run.exit(), run.stderr());
    Path model = models.resolve(NAME + ".onnx");
    assertEquals(model + "\n", run.stdout());
    assertEquals(List.of(NAME + ".json", NAME + ".onnx"), list(models));

    // The model is the variant with its pooling tensor added as an output, converted here too:
    // exactly what the jar's add-output makes. That conversion itself is checked against
    // independent expectations in OutputAdditionTest (every other byte kept) and ZooStyleModelTest
    // (its pooled tensor embeds each photo as the shared model does).
    byte[] expected = OutputAddition.apply(OnnxModel.read(ZOO_STYLE), "pool_272", "pool_272");
    assertArrayEquals(expected, Files.readAllBytes(model));
    // Its descriptor: what ../shared/models/README.md says of the variant's input and pooling.
    assertEquals(new ModelDescriptor(NAME, "input",
            new InputSpec(224, 224, PixelLayout.NCHW, PixelScaling.TORCH), "pool_272", 1280),
        ModelDescriptorJson.forModel(model));

    Path input = temp.resolve("photos");
    SharedData.copyAsDataset(SharedData.fruits(3, 2), input);
    CliRun pipeline = CliRun.pipeline(input, temp.resolve("out"), model, "--pca-k", "3");
    assertEquals(0, pipeline.exit(), pipeline.stderr());
    assertTrue(pipeline.stdout().contains("images: 6 listed, 6 read, 6 embedded, 0 rejected"),
        pipeline.stdout());
    String fingerprint = NAME + "/fp32/sha256:" + sha256(expected).substring(0, 16);
    assertTrue(pipeline.stdout().contains("model: " + fingerprint), pipeline.stdout());
    assertTrue(Files.readString(temp.resolve("out/summary.json")).contains(fingerprint));

    // A second call finds the model and downloads nothing (this URL would fail).
    Script again = getModel(models, url("truncated.tar.gz"), sha256(archive));
    assertEquals(0, again.exit(), again.stderr());
    assertEquals("get-model: " + model + " is already there (--force fetches it again)\n",
        again.stderr());
  }

  @Test
  void aWrongChecksumIsRefused() throws Exception {
    String wrong = sha256(page());
    assertRefused(url("mobilenetv2-12.tar.gz"), wrong, "is not the expected file: its sha256 is "
        + sha256(archive) + " (" + archive.length + " bytes), expected " + wrong);
  }

  @Test
  void aTruncatedDownloadIsRefused() throws Exception {
    assertRefused(url("truncated.tar.gz"), sha256(archive), ": curl: (18) ");
  }

  @Test
  void noServerIsRefused() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    assertRefused("http://127.0.0.1:" + port + "/mobilenetv2-12.tar.gz", sha256(archive),
        ": curl: (7) ");
  }

  @Test
  void anArchiveThatIsNotTheExpectedOneIsRefused() throws Exception {
    byte[] two = Files.readAllBytes(archives.resolve("two.tar.gz"));
    assertRefused(url("two-models.tar.gz"), sha256(two),
        "two-models.tar.gz holds 2 .onnx files; expected exactly one (the model)");
    assertRefused(url("page.tar.gz"), sha256(page()), "page.tar.gz is not a tar.gz archive: ");
  }

  /** Exit 2, one line naming the reason after the download line, and an empty models folder. */
  private void assertRefused(String url, String sha256, String reason) throws Exception {
    Path models = Files.createTempDirectory(temp, "models");
    Script run = getModel(models, url, sha256);
    assertEquals(2, run.exit(), run.stderr());
    assertEquals("", run.stdout());
    List<String> lines = run.stderr().lines().toList();
    assertEquals(2, lines.size(), run.stderr());
    assertEquals("get-model: downloading " + url, lines.get(0));
    assertTrue(lines.get(1).startsWith("get-model: ") && lines.get(1).contains(reason),
        run.stderr());
    assertEquals(List.of(), list(models));
  }

  private record Script(int exit, String stdout, String stderr) {}

  private Script getModel(Path models, String url, String sha256) throws Exception {
    List<String> command = List.of("bash", ProjectFiles.scripts().resolve("get-model.sh").toString(),
        "--models-dir", models.toString(), "--url", url, "--sha256", sha256, "--jar", jar());
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectFiles.root().toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("FRUITS_"));
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    return new Script(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The jar {@code package} built, which failsafe names (the build folder may not be target/). */
  private static String jar() {
    Path jar = Paths.get(System.getProperty("fruits.job.jar",
        ProjectFiles.buildDir().resolve("fruits-pipeline.jar").toString()));
    assertTrue(Files.isRegularFile(jar), "run after package: " + jar);
    return jar.toString();
  }

  /**
   * A tar.gz like the zoo's: {@code mobilenetv2-12/} holding {@code models} copies of the model
   * and a {@code test_data_set_0/} folder; packed by tar, as the zoo's archives are.
   */
  private static byte[] zooArchive(Path folder, int models) throws Exception {
    Path top = folder.resolve("mobilenetv2-12");
    Files.createDirectories(top.resolve("test_data_set_0"));
    Files.write(top.resolve("test_data_set_0/input_0.pb"), new byte[] {8, 1, 8, 3});
    for (int i = 0; i < models; i++) {
      Files.copy(ZOO_STYLE, top.resolve(i == 0 ? "mobilenetv2-12.onnx" : "copy" + i + ".onnx"));
    }
    Path tarGz = folder.resolveSibling(folder.getFileName() + ".tar.gz");
    Process tar = new ProcessBuilder("tar", "-czf", tarGz.toString(), "-C", folder.toString(),
        "mobilenetv2-12").inheritIO().start();
    assertEquals(0, tar.waitFor());
    return Files.readAllBytes(tarGz);
  }

  /** What a proxy or a wrong URL may serve instead of the archive. */
  private static byte[] page() {
    return "<html><body>Sign in to continue</body></html>\n".getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, byte[] body, int sent) throws IOException {
    try {
      exchange.sendResponseHeaders(200, body.length);
      OutputStream out = exchange.getResponseBody();
      out.write(body, 0, sent);
      out.flush();
    } finally {
      exchange.close();
    }
  }

  private static String url(String file) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + file;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Every entry of the folder, hidden ones too, sorted. */
  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
    }
  }
}
