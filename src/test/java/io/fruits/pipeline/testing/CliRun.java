package io.fruits.pipeline.testing;

import io.fruits.pipeline.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the jar's {@code Main} in this JVM, as a user would from the shell, capturing its output. */
public record CliRun(int exit, String stdout, String stderr) {

  /** {@code run --input in --output out --model model} followed by {@code extra}. */
  public static CliRun pipeline(Path input, Path output, Path model, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(),
        "--output", output.toString(), "--model", model.toString()));
    args.addAll(Arrays.asList(extra));
    return of(args.toArray(new String[0]));
  }

  public static CliRun of(String... args) throws Exception {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.run(args);
      return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
