package io.fruits.pipeline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy, an S3-compatible server, in a JVM of its own on 127.0.0.1 with an in-memory blob store
 * and AWS v2/v4 signatures checked against a fixed test identity. It runs from S3Proxy's
 * self-contained jar ({@code org.gaul:s3proxy:jar-with-dependencies}), which {@code mvn
 * dependency:copy} puts into {@code <build dir>/s3proxy} the first time: on the test classpath its
 * Jetty 11, Guice 7, Guava 33 and Logback would clash with Hadoop's.
 */
final class S3ProxyProcess implements AutoCloseable {

  static final String VERSION = "2.7.0";
  static final String ARTIFACT = "org.gaul:s3proxy:" + VERSION + ":jar:jar-with-dependencies";
  /** Credentials of the fake server only; no AWS account has them. */
  static final String ACCESS_KEY = "fruits-it-access-key";
  static final String SECRET_KEY = "fruits-it-secret-key";

  private static final long START_TIMEOUT_MS = 60_000;

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private S3ProxyProcess(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** Starts the server and waits until it accepts connections. */
  static S3ProxyProcess start() throws IOException, InterruptedException {
    Path home = ProjectFiles.buildDir().resolve("s3proxy");
    Path jar = resolveJar(home);
    int port = freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    Path properties = home.resolve("s3proxy-" + port + ".conf");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        // S3Proxy implements no server-side encryption and would refuse (501) the
        // x-amz-server-side-encryption header that EMR's core-site makes S3A send.
        "s3proxy.ignore-unknown-headers=true",
        "jclouds.provider=transient",
        "jclouds.identity=unused",
        "jclouds.credential=unused",
        ""));
    Path log = home.resolve("s3proxy-" + port + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(),
        "--properties", properties.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("LOG_LEVEL", System.getProperty("s3proxy.log.level", "warn"));
    S3ProxyProcess server = new S3ProxyProcess(builder.start(), endpoint, log);
    server.awaitListening(port);
    return server;
  }

  URI endpoint() {
    return endpoint;
  }

  /** What the server printed, for failure messages. */
  String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void awaitListening(int port) throws InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ":\n" + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("S3Proxy did not listen on port " + port + " within "
        + START_TIMEOUT_MS + " ms:\n" + log());
  }

  /** The jar in {@code home}, copied there from Maven's repository (downloading it) when missing. */
  private static Path resolveJar(Path home) throws IOException, InterruptedException {
    Path jar = home.resolve("s3proxy-" + VERSION + "-jar-with-dependencies.jar");
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    Files.createDirectories(home);
    Path output = home.resolve("mvn-dependency-copy.log");
    List<String> command = List.of("mvn", "-B", "-ntp", "-q", "dependency:copy",
        "-Dartifact=" + ARTIFACT, "-DoutputDirectory=" + home);
    Process mvn = new ProcessBuilder(command).directory(home.toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    if (!mvn.waitFor(10, TimeUnit.MINUTES)) {
      mvn.destroyForcibly();
      throw new IllegalStateException("timed out: " + String.join(" ", command));
    }
    if (mvn.exitValue() != 0 || !Files.isRegularFile(jar)) {
      throw new IllegalStateException(String.join(" ", command) + " failed (exit " + mvn.exitValue()
          + "):\n" + Files.readString(output, StandardCharsets.UTF_8));
    }
    return jar;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
