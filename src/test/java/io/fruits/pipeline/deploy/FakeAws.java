package io.fruits.pipeline.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A folder holding fake {@code aws} and {@code sudo} executables, put first on PATH when the
 * deployment scripts run. The fake {@code aws} records each call's arguments and answers as AWS
 * would for the calls the scripts make (a cluster id, a step id, COMPLETED, a summary.json, object
 * metadata and bytes, no bucket policy or lifecycle unless {@code FAKE_BUCKET_CONFIGURED} is set);
 * with {@code FAKE_AWS_FAIL} set it refuses every call, for dry runs.
 */
final class FakeAws {

  /** The bytes the fake serves for any S3 object; its metadata agrees. */
  static final String OBJECT_CONTENT = "fake object";
  static final String OBJECT_MODIFIED = "2025-01-02T03:04:05+00:00";
  static final String SUMMARY = "{\"imagesRead\": 7, \"imagesEmbedded\": 6}";

  private static final String AWS = """
      #!/usr/bin/env bash
      { printf '%s\\x1f' "$@"; printf '\\n'; } >> "${FAKE_AWS_LOG:?}"
      if [[ -n "${FAKE_AWS_FAIL:-}" ]]; then echo "fake aws: not to be called here" >&2; exit 97; fi
      last="${*: -1}"
      case " $* " in
        *" sts get-caller-identity "*) echo 111122223333 ;;
        *" iam get-role "*) echo "An error occurred (NoSuchEntity)" >&2; exit 254 ;;
        *" s3api get-bucket-policy "*|*" s3api get-bucket-lifecycle-configuration "*)
          if [[ -n "${FAKE_BUCKET_CONFIGURED:-}" ]]; then echo '{}'
          else echo "An error occurred (NoSuchBucketPolicy)" >&2; exit 254; fi ;;
        *" emr create-cluster "*) echo j-FAKECLUSTER1 ;;
        *" emr add-steps "*) echo s-FAKESTEP1 ;;
        *" emr describe-step "*) echo "${FAKE_STEP_STATE:-COMPLETED}" ;;
        *" s3api head-object "*missing*) echo "An error occurred (404) when calling HeadObject" >&2; exit 254 ;;
        *" s3api head-object "*) printf '%s\\t%s\\n' "${#FAKE_CONTENT}" "$FAKE_MODIFIED" ;;
        *" s3 cp "*)
          if [[ "$last" == "-" ]]; then echo "$FAKE_SUMMARY"
          elif [[ "$last" != s3://* ]]; then printf '%s' "$FAKE_CONTENT" > "$last"; fi ;;
      esac
      """;

  private static final String SUDO = """
      #!/usr/bin/env bash
      exec "$@"
      """;

  private final Path bin;
  private final Path log;

  FakeAws(Path folder) throws IOException {
    this.bin = Files.createDirectories(folder.resolve("bin"));
    this.log = folder.resolve("aws-calls.log");
    write(bin.resolve("aws"), AWS);
    write(bin.resolve("sudo"), SUDO);
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** What a script run printed and returned. */
  record Result(int exit, String stdout, String stderr) {
    /** The lines of stdout that are commands (dry run). */
    List<String> commandLines() {
      return stdout.lines().filter(l -> l.startsWith("aws ")).toList();
    }
  }

  /** Runs {@code bash script args} with the fakes first on PATH; {@code env} adds variables. */
  Result run(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(Arrays.asList(args));
    return exec(command, env);
  }

  /** Runs one command line through bash, as a user pasting a dry run's output would. */
  Result runLine(String line, Map<String, String> env) throws IOException, InterruptedException {
    return exec(List.of("bash", "-c", line), env);
  }

  private Result exec(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    Path out = Files.createTempFile(bin.getParent(), "out", ".txt");
    Path err = Files.createTempFile(bin.getParent(), "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectFiles.root().toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("FRUITS_"));
    environment.put("PATH", bin + ":" + System.getenv("PATH"));
    environment.put("FAKE_AWS_LOG", log.toString());
    environment.put("FAKE_CONTENT", OBJECT_CONTENT);
    environment.put("FAKE_MODIFIED", OBJECT_MODIFIED);
    environment.put("FAKE_SUMMARY", SUMMARY);
    environment.putAll(env);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The recorded calls, each its argument list, and forgets them. */
  List<List<String>> takeCalls() throws IOException {
    if (!Files.exists(log)) {
      return List.of();
    }
    List<List<String>> calls = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      List<String> args = List.of(line.split("\u001f", -1));
      calls.add(args.subList(0, args.size() - 1));
    }
    Files.delete(log);
    return calls;
  }

  /** The value after {@code option} in a call; fails when absent. */
  static String option(List<String> call, String option) {
    int at = call.indexOf(option);
    if (at < 0 || at + 1 >= call.size()) {
      throw new AssertionError(option + " missing in aws " + String.join(" ", call));
    }
    return call.get(at + 1);
  }

  /** The first call whose arguments contain {@code words} in order, e.g. "emr", "create-cluster". */
  static List<String> find(List<List<String>> calls, String... words) {
    return calls.stream().filter(call -> Collections.indexOfSubList(call, List.of(words)) >= 0)
        .findFirst().orElseThrow(() -> new AssertionError("no aws " + String.join(" ", words) + " in " + calls));
  }
}
