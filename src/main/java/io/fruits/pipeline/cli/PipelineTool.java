package io.fruits.pipeline.cli;

import org.apache.commons.cli.CommandLine;

/**
 * The {@code run} command: images under {@code --input} → embeddings → PCA → Parquet under
 * {@code --output}. Exit codes: 0 success, 1 a job failed, 2 a user error (one line on stderr).
 */
public class PipelineTool extends SubcommandTool {

  public PipelineTool() {
    super(RunArguments.OPTIONS);
  }

  @Override
  String execute(CommandLine line) throws Exception {
    RunArguments arguments = RunArguments.of(line, getConf());
    long planning = System.nanoTime();
    RunPlan plan = new RunPlanner(getConf(), arguments).plan();
    return new PipelineDriver(getConf(), plan, planning).run().toText();
  }
}
