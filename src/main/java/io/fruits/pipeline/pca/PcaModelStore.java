package io.fruits.pipeline.pca;

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
    FileSystem fs = jobOutput.getFileSystem(conf);
    List<CovarianceBlock> blocks = new ArrayList<>();
    for (FileStatus part : fs.globStatus(new Path(jobOutput, "part-r-*"))) {
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
