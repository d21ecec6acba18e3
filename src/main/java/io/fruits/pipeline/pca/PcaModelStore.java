package io.fruits.pipeline.pca;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.SequenceFile;

/** Moves PCA state between Hadoop file systems and memory: merged blocks in, model files in and out. */
public final class PcaModelStore {

  private PcaModelStore() {}

  /** Reads the covariance reducers' {@code part-r-*} files and assembles the full sums. */
  public static CovarianceSums readMergedSums(Configuration conf, Path jobOutput) throws IOException {
    return readBlocks(conf, new Path(jobOutput, "part-r-*"));
  }

  /**
   * Saves merged sums as one block covering every row, so a later incremental run can add new
   * images' sums to them and remove deleted ones ({@link #loadSums}).
   */
  public static void saveSums(Configuration conf, CovarianceSums sums, Path file) throws IOException {
    int[] allRows = {0, sums.dimension()};
    try (SequenceFile.Writer writer = SequenceFile.createWriter(conf,
        SequenceFile.Writer.file(file), SequenceFile.Writer.keyClass(IntWritable.class),
        SequenceFile.Writer.valueClass(CovarianceBlockWritable.class))) {
      CovarianceBlockWritable value = new CovarianceBlockWritable();
      value.set(sums.block(0, allRows));
      writer.append(new IntWritable(0), value);
    }
  }

  public static CovarianceSums loadSums(Configuration conf, Path file) throws IOException {
    return readBlocks(conf, file);
  }

  private static CovarianceSums readBlocks(Configuration conf, Path pattern) throws IOException {
    FileSystem fs = pattern.getFileSystem(conf);
    List<CovarianceBlock> blocks = new ArrayList<>();
    FileStatus[] files = fs.globStatus(pattern);
    if (files == null || files.length == 0) {
      throw new FileNotFoundException("no covariance sums at " + pattern);
    }
    for (FileStatus part : files) {
      try (SequenceFile.Reader reader =
          new SequenceFile.Reader(conf, SequenceFile.Reader.file(part.getPath()))) {
        IntWritable key = new IntWritable();
        CovarianceBlockWritable value = new CovarianceBlockWritable();
        while (reader.next(key, value)) {
          // readFields fills a new block every time, so no copy is needed to keep it.
          blocks.add(value.get());
        }
      }
    }
    return CovarianceSums.assemble(blocks);
  }

  public static void save(Configuration conf, PcaModel model, Path file) throws IOException {
    try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
      PcaModelFile.write(model, out);
    }
  }

  public static PcaModel load(Configuration conf, Path file) throws IOException {
    try (InputStream in = file.getFileSystem(conf).open(file)) {
      return PcaModelFile.read(in);
    }
  }
}
