package io.fruits.pipeline.cli;

import io.fruits.pipeline.classify.ClassifyKeys;
import io.fruits.pipeline.conf.ConfKeys;
import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.embed.EmbedKeys;
import io.fruits.pipeline.image.ImageKeys;
import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.model.ModelKeys;
import io.fruits.pipeline.pca.PcaKeys;
import io.fruits.pipeline.output.OutputKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.cli.HelpFormatter;

/** The text of {@code --help}, generated from the options and the configuration-key enums. */
final class HelpText {

  /** Every package's keys; {@code --help} lists those a user may set with {@code -D}. */
  static final List<List<ConfigKey>> KEY_GROUPS = List.of(IngestKeys.ALL, ImageKeys.ALL,
      ModelKeys.ALL, EmbedKeys.ALL, PcaKeys.ALL, OutputKeys.ALL, ClassifyKeys.ALL, CliKeys.ALL,
      ConfKeys.ALL);

  private HelpText() {}

  static String text() {
    StringWriter buffer = new StringWriter();
    PrintWriter out = new PrintWriter(buffer);
    out.println("Usage: hadoop jar fruits-pipeline.jar run [generic options] --input URI --output URI [options]");
    out.println("       scripts/run-local.sh [options]   (the same command with the local runner)");
    out.println();
    out.println("Commands:");
    for (Command command : Command.values()) {
      out.printf("  %-8s %s%n", command.commandName(), command.description());
    }
    out.println();
    out.println("Options of run:");
    HelpFormatter formatter = new HelpFormatter();
    formatter.setOptionComparator(null);
    formatter.printOptions(out, 100, RunArguments.OPTIONS, 2, 3);
    out.println();
    out.println("Options of train (writes <run>/classifier; -D fruits.classify.* keys below):");
    formatter.printOptions(out, 100, TrainTool.OPTIONS, 2, 3);
    out.println();
    out.println("Options of classify:");
    formatter.printOptions(out, 100, ClassifyTool.OPTIONS, 2, 3);
    out.println();
    out.println("Options of bench (scripts/bench.sh fills them in for the sample):");
    formatter.printOptions(out, 100, BenchTool.OPTIONS, 2, 3);
    out.println();
    out.println("Usage of model: " + ModelTool.USAGE);
    formatter.printOptions(out, 100, ModelTool.OPTIONS, 2, 3);
    out.println();
    out.println("Generic options (before the run options): -D key=value, -conf FILE, -files LIST,");
    out.println("-libjars LIST, -archives LIST, -fs URI, -jt HOST:PORT.");
    out.println();
    out.println("Configuration keys (-D key=value):");
    for (List<ConfigKey> group : KEY_GROUPS) {
      for (ConfigKey key : group.stream().filter(ConfigKey::settable).toList()) {
        String fallback = key.defaultValue() == null ? "" : " (default " + key.defaultValue() + ")";
        out.printf("  %s%s%n      %s%n", key.key(), fallback, key.description());
      }
    }
    out.println();
    out.println("Exit codes: 0 success, 1 a job failed, 2 bad arguments or input.");
    out.flush();
    return buffer.toString();
  }
}
