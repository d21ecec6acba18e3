package io.fruits.pipeline.cli;

import io.fruits.pipeline.output.RunSummary;
import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.model.ModelMismatchException;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code run} command: images under {@code --input} → embeddings → PCA → Parquet under
 * {@code --output}. Exit codes: 0 success, 1 a job failed, 2 a user error (one line on stderr).
 */
public class PipelineTool extends Configured implements Tool {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineTool.class);

  @Override
  public int run(String[] args) throws Exception {
    if (RunArguments.wantsHelp(args)) {
      System.out.print(HelpText.text());
      return 0;
    }
    try {
      RunArguments arguments = RunArguments.parse(args, getConf());
      LocalRunnerDefaults.apply(getConf());
      long planning = System.nanoTime();
      RunPlan plan = new RunPlanner(getConf(), arguments).plan();
      RunSummary summary = new PipelineDriver(getConf(), plan, planning).run();
      System.out.print(summary.toText());
      return 0;
    } catch (InvalidConfigException | ModelMismatchException e) {
      return userError(e);
    } catch (StageFailedException e) {
      System.err.println("fruits-pipeline: " + e.getMessage());
      return 1;
    }
  }

  private int userError(RuntimeException e) {
    System.err.println("fruits-pipeline: " + e.getMessage());
    if (CliKeys.DEBUG.getBoolean(getConf())) {
      LOG.error("user error", e);
    }
    return 2;
  }
}
