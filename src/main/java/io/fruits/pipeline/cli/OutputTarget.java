package io.fruits.pipeline.cli;

import io.fruits.pipeline.output.OutputLayout;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a run writes, and how its result becomes {@code --output}: a new folder is written in
 * place; an existing output that {@code --overwrite} replaces stays untouched until the new run
 * is complete in a hidden sibling folder, which then takes its place.
 */
sealed interface OutputTarget permits OutputTarget.Fresh, OutputTarget.Replacement {

  /** The folder the run writes to. */
  OutputLayout layout();

  /** The folder the user asked for. */
  Path output();

  /** Makes the finished run, complete in {@link #layout()}, the output. */
  void complete(Configuration conf) throws IOException;

  /** The run writes straight into a folder that did not exist. */
  record Fresh(OutputLayout layout) implements OutputTarget {

    @Override
    public Path output() {
      return layout.root();
    }

    @Override
    public void complete(Configuration conf) {
      // Already in place.
    }
  }

  /** The run writes into {@code staging}; only then does it replace {@code output}. */
  record Replacement(OutputLayout layout, Path output) implements OutputTarget {

    /** The hidden sibling a replacement of {@code output} is written to. */
    static Path stagingFor(Path output) {
      return new Path(output.getParent(), "." + output.getName() + ".replacing");
    }

    @Override
    public void complete(Configuration conf) throws IOException {
      FileSystem fs = output.getFileSystem(conf);
      if (!fs.delete(output, true) || !fs.rename(layout.root(), output)) {
        throw new IOException("the new output is complete in " + layout.root()
            + " but could not replace " + output + "; move it there by hand");
      }
    }
  }
}
