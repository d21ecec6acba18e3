package io.fruits.pipeline.cli;

import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;

/**
 * Entry point of the jar: {@code hadoop jar fruits-pipeline.jar run --input URI --output URI};
 * dispatches the first argument to a {@link Command} run through {@link ToolRunner}, so generic
 * options such as {@code -D key=value} and {@code -files} work as in any Hadoop tool.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  /** Runs one command and returns its exit code, for callers embedding the CLI (and tests). */
  public static int run(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      System.out.print(HelpText.text());
      return args.length == 0 ? 2 : 0;
    }
    Command command = Command.named(args[0]);
    if (command == null) {
      System.err.println("fruits-pipeline: unknown command '" + args[0] + "' (see --help)");
      return 2;
    }
    return ToolRunner.run(new Configuration(), command.newTool(), Arrays.copyOfRange(args, 1, args.length));
  }
}
