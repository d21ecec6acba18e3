package io.fruits.pipeline.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A test-only HTTP proxy in front of S3Proxy that behaves like a troubled S3: it answers
 * {@code 503 SlowDown} (S3's XML error body) to a share of requests, resets the connection of
 * others before they reach the server, cuts some object downloads off halfway with a reset, and
 * denies chosen keys with a 403 ({@code AccessDenied} for GET and HEAD, as a missing permission or
 * KMS grant does; {@code InvalidObjectState} for GET only, as an archived object does).
 *
 * <p>Whether a request fails is decided from the seed, its request line and how often that line
 * was seen, so the same run meets the same faults whatever the thread timing, and a request line
 * fails at most {@link #MAX_FAULTS_PER_REQUEST} times, so the clients' retries always get through.
 * The proxy forwards bytes unchanged except for {@code Connection: close}: SigV4 signatures cover
 * the Host header, which S3Proxy then checks against the proxy's address the client signed for.
 *
 * <p>It also records every request that creates an object or starts a multipart upload, with the
 * server-side encryption it asked for, since S3Proxy stores none and cannot be asked afterwards.
 */
final class S3FaultProxy implements AutoCloseable {

  /** How much trouble: shares of all requests, and the keys that answer 403. */
  record Faults(long seed, double slowDown, double reset, double cutDownload, Set<String> deniedKeys,
      Set<String> archivedKeys) {

    /** No trouble: every request is forwarded, for a proxy that only records. */
    static Faults none() {
      return denying(Set.of(), Set.of());
    }

    static Faults denying(Set<String> deniedKeys, Set<String> archivedKeys) {
      return new Faults(0, 0, 0, 0, deniedKeys, archivedKeys);
    }

    Faults throttling(long seed, double slowDown, double reset, double cutDownload) {
      return new Faults(seed, slowDown, reset, cutDownload, deniedKeys, archivedKeys);
    }
  }

  static final int MAX_FAULTS_PER_REQUEST = 1;

  private final ServerSocket server;
  private final URI target;
  private final Faults faults;
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "s3-fault-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger slowDowns = new AtomicInteger();
  private final AtomicInteger resets = new AtomicInteger();
  private final AtomicInteger cutDownloads = new AtomicInteger();
  private final AtomicInteger denials = new AtomicInteger();
  private final List<Write> writes = new CopyOnWriteArrayList<>();

  private S3FaultProxy(ServerSocket server, URI target, Faults faults) {
    this.server = server;
    this.target = target;
    this.faults = faults;
  }

  /** Listens on a free port of 127.0.0.1 and forwards to {@code target}, S3Proxy's endpoint. */
  static S3FaultProxy start(URI target, Faults faults) throws IOException {
    S3FaultProxy proxy = new S3FaultProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target, faults);
    proxy.connections.execute(proxy::accept);
    return proxy;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** What was injected so far, for assertions that the faults really happened. */
  record Counts(int requests, int slowDowns, int resets, int cutDownloads, int denials) {}

  Counts counts() {
    return new Counts(requests.get(), slowDowns.get(), resets.get(), cutDownloads.get(), denials.get());
  }

  /**
   * A PUT of an object (a plain upload or a copy, not a part) or a POST starting a multipart
   * upload, with its {@code x-amz-server-side-encryption} header's value, or null without one.
   */
  record Write(String requestLine, boolean startsUpload, String encryption) {}

  /** The writes seen so far, faulted ones included: a retry sends the same headers again. */
  List<Write> writes() {
    return List.copyOf(writes);
  }

  @Override
  public void close() throws IOException {
    server.close();
    connections.shutdownNow();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.execute(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      List<String> head = readHead(in);
      if (head.isEmpty()) {
        return;
      }
      requests.incrementAndGet();
      String[] requestLine = head.get(0).split(" ");
      String method = requestLine[0];
      String key = objectKey(requestLine[1]);
      recordWrite(head, method, requestLine[1], key);
      if (faults.deniedKeys().contains(key) && (method.equals("GET") || method.equals("HEAD"))) {
        denials.incrementAndGet();
        answerError(client, head, 403, "Forbidden", "AccessDenied", "Access Denied", key);
        return;
      }
      if (faults.archivedKeys().contains(key) && method.equals("GET")) {
        denials.incrementAndGet();
        answerError(client, head, 403, "Forbidden", "InvalidObjectState",
            "The operation is not valid for the object's storage class", key);
        return;
      }
      double roll = roll(head.get(0));
      if (roll < faults.reset()) {
        resets.incrementAndGet();
        reset(client);
      } else if (roll < faults.reset() + faults.slowDown()) {
        slowDowns.incrementAndGet();
        answerError(client, head, 503, "Slow Down", "SlowDown", "Please reduce your request rate.", key);
      } else {
        boolean cut = method.equals("GET") && !requestLine[1].contains("?")
            && roll < faults.reset() + faults.slowDown() + faults.cutDownload();
        forward(client, in, head, cut);
      }
    } catch (IOException clientGone) {
      // The client closed or reset its side; it retries or has what it needs.
    }
  }

  private void recordWrite(List<String> head, String method, String requestTarget, String key) {
    String[] parts = requestTarget.split("\\?", 2);
    Set<String> parameters = parts.length < 2 ? Set.of()
        : Arrays.stream(parts[1].split("&")).map(p -> p.split("=", 2)[0]).collect(Collectors.toSet());
    boolean startsUpload = method.equals("POST") && parameters.contains("uploads");
    boolean put = method.equals("PUT") && !parameters.contains("uploadId");
    if (!key.isEmpty() && (startsUpload || put)) {
      writes.add(new Write(head.get(0), startsUpload, header(head, "x-amz-server-side-encryption")));
    }
  }

  /** The value of the header {@code name}, or null. */
  private static String header(List<String> head, String name) {
    for (String line : head.subList(1, head.size())) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  /** A number in [0, 1) fixed by the seed, the request line and its occurrence; 1 once it failed enough. */
  private double roll(String requestLine) {
    int occurrence = seen.computeIfAbsent(requestLine, l -> new AtomicInteger()).getAndIncrement();
    if (occurrence >= MAX_FAULTS_PER_REQUEST) {
      return 1;
    }
    return new Random(faults.seed() * 1_000_003L + requestLine.hashCode() * 31L + occurrence).nextDouble();
  }

  /** The object key of a path-style request target ({@code /bucket/key?query}), or "" for a bucket. */
  private static String objectKey(String requestTarget) {
    String path = requestTarget.split("\\?", 2)[0];
    int slash = path.indexOf('/', 1);
    return slash < 0 ? "" : URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8);
  }

  private void forward(Socket client, InputStream clientIn, List<String> head, boolean cutDownload)
      throws IOException {
    try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
      OutputStream toServer = upstream.getOutputStream();
      toServer.write(withConnectionClose(head));
      toServer.flush();
      connections.execute(() -> copyQuietly(clientIn, toServer));
      InputStream fromServer = upstream.getInputStream();
      OutputStream toClient = client.getOutputStream();
      if (cutDownload) {
        List<String> response = readHead(fromServer);
        long length = contentLength(response);
        if (response.get(0).matches("HTTP/1\\.1 20[06] .*") && length > 1) {
          cutDownloads.incrementAndGet();
          toClient.write(String.join("\r\n", response).concat("\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          toClient.write(fromServer.readNBytes((int) (length / 2)));
          toClient.flush();
          reset(client);
          return;
        }
        toClient.write(String.join("\r\n", response).concat("\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
      fromServer.transferTo(toClient);
      toClient.flush();
    }
  }

  private static void copyQuietly(InputStream from, OutputStream to) {
    try {
      from.transferTo(to);
    } catch (IOException oneSideClosed) {
      // The exchange is over: the server answered and closed, or the client went away.
    }
  }

  /** S3's error response; the request's unread body is drained so closing sends no reset. */
  private static void answerError(Socket client, List<String> head, int status, String phrase, String code,
      String message, String key) throws IOException {
    if (!hasHeader(head, "expect", "100-continue")) {
      client.getInputStream().readNBytes((int) contentLength(head));
    }
    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
        + message + "</Message><Key>" + key + "</Key><RequestId>FAULTPROXY</RequestId></Error>")
        .getBytes(StandardCharsets.UTF_8);
    boolean isHead = head.get(0).startsWith("HEAD ");
    String response = "HTTP/1.1 " + status + " " + phrase + "\r\n"
        + "Content-Type: application/xml\r\n"
        + "Content-Length: " + (isHead ? 0 : body.length) + "\r\n"
        + "x-amz-request-id: FAULTPROXY\r\n"
        + "Connection: close\r\n\r\n";
    OutputStream out = client.getOutputStream();
    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    if (!isHead) {
      out.write(body);
    }
    out.flush();
    client.shutdownOutput();
  }

  /** Closes with a TCP reset, as a dropped connection looks to the client. */
  private static void reset(Socket client) throws SocketException {
    client.setSoLinger(true, 0);
  }

  private static byte[] withConnectionClose(List<String> head) {
    StringBuilder out = new StringBuilder();
    for (String line : head) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (!lower.startsWith("connection:") && !lower.startsWith("keep-alive:")) {
        out.append(line).append("\r\n");
      }
    }
    return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static long contentLength(List<String> head) {
    for (String line : head) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return 0;
  }

  private static boolean hasHeader(List<String> head, String name, String value) {
    return head.stream().map(l -> l.toLowerCase(Locale.ROOT).replace(" ", ""))
        .anyMatch(l -> l.equals(name + ":" + value));
  }

  /** The request or status line and the headers, up to the blank line; empty at end of stream. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
        line.reset();
      } else {
        line.write(b);
      }
    }
    return List.of();
  }
}
