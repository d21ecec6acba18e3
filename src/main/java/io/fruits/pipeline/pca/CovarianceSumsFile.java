package io.fruits.pipeline.pca;

import io.fruits.pipeline.conf.JobFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.SequenceFile;

/**
 * Covariance sums on a Hadoop file system, in one format: SequenceFiles of {@link IntWritable}
 * keys and {@link CovarianceSumsWritable} blocks, as the covariance reducers write them. A saved
 * {@code pca/sums.seq} is one block covering every row.
 */
public final class CovarianceSumsFile {

  /** The merged sums of a job: of the images it embedded, and of previous rows it removed. */
  public record Merged(CovarianceSums added, CovarianceSums removed) {}

  private CovarianceSumsFile() {}

  /**
   * Reads the covariance reducers' {@code part-r-*} files under {@code jobOutput} and assembles
   * the added and the removed sums; either is empty when no task emitted it.
   */
  public static Merged readMerged(Configuration conf, Path jobOutput, int dimension)
      throws IOException {
    List<CovarianceSums> added = new ArrayList<>();
    List<CovarianceSums> removed = new ArrayList<>();
    for (Path part : JobFiles.named(conf, jobOutput, "part-r-")) {
      read(conf, part, added, removed);
    }
    return new Merged(assembled(added, dimension), assembled(removed, dimension));
  }

  /** Saves full sums as one block, for a later incremental run to update ({@link #load}). */
  public static void save(Configuration conf, CovarianceSums sums, Path file) throws IOException {
    try (SequenceFile.Writer writer = SequenceFile.createWriter(conf,
        SequenceFile.Writer.file(file), SequenceFile.Writer.keyClass(IntWritable.class),
        SequenceFile.Writer.valueClass(CovarianceSumsWritable.class))) {
      CovarianceSumsWritable value = new CovarianceSumsWritable();
      value.set(sums);
      writer.append(new IntWritable(0), value);
    }
  }

  public static CovarianceSums load(Configuration conf, Path file) throws IOException {
    List<CovarianceSums> blocks = new ArrayList<>();
    read(conf, file, blocks, blocks);
    return CovarianceBlocks.assemble(blocks);
  }

  private static void read(Configuration conf, Path file, List<CovarianceSums> added,
      List<CovarianceSums> removed) throws IOException {
    IntWritable key = new IntWritable();
    CovarianceSumsWritable value = new CovarianceSumsWritable();
    // readFields fills new sums every time, so no copy is needed to keep them.
    JobFiles.readEach(conf, file, key, value,
        () -> (SumsShuffle.isRemoved(key.get()) ? removed : added).add(value.get()));
  }

  private static CovarianceSums assembled(List<CovarianceSums> blocks, int dimension) {
    return blocks.isEmpty() ? new CovarianceSums(dimension) : CovarianceBlocks.assemble(blocks);
  }
}
