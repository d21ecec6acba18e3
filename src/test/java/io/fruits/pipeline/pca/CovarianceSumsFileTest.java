package io.fruits.pipeline.pca;

import static io.fruits.pipeline.pca.TwoPassReference.sumsOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.SequenceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CovarianceSumsFileTest {

  private static final int D = 23;
  private static final int N = 300;

  private final Configuration conf = new Configuration();
  private final CovarianceSums sums =
      sumsOf(TwoPassReference.structuredRows(N, D, new Random(17)), D, 0, N);

  @Test
  void readMergedSumsAssemblesBlocksFromEveryPartFile(@TempDir java.nio.file.Path temp)
      throws IOException {
    Path output = new Path(temp.toUri());
    int[] bounds = CovarianceBlocks.blockBounds(D, 3);
    // Two blocks in one file: each must survive the reader moving on to the next value.
    writePart(new Path(output, "part-r-00000"), bounds, 2, 0);
    writePart(new Path(output, "part-r-00001"), bounds, 1);

    CovarianceSums read = CovarianceSumsFile.readMerged(conf, output, D).added();

    assertEquals(N, read.count());
    assertArrayEquals(sums.mean(), read.mean());
    assertArrayEquals(sums.valuesRef(), read.valuesRef());
  }

  @Test
  void savedModelLoadsBackAndIsNeverOverwritten(@TempDir java.nio.file.Path temp)
      throws IOException {
    PcaModel model = PcaModel.fit(sums, ComponentSelection.count(4), "m");
    Path file = new Path(new Path(temp.toUri()), "pca.bin");

    PcaModelFile.save(conf, model, file);
    PcaModel back = PcaModelFile.load(conf, file);

    assertEquals(model.k(), back.k());
    assertArrayEquals(model.eigenvalues(), back.eigenvalues());
    for (int i = 0; i < model.k(); i++) {
      assertArrayEquals(model.components()[i], back.components()[i]);
    }
    assertThrows(IOException.class, () -> PcaModelFile.save(conf, model, file));
  }

  private void writePart(Path part, int[] bounds, int... blocks) throws IOException {
    try (SequenceFile.Writer writer = SequenceFile.createWriter(conf,
        SequenceFile.Writer.file(part), SequenceFile.Writer.keyClass(IntWritable.class),
        SequenceFile.Writer.valueClass(CovarianceSumsWritable.class))) {
      CovarianceSumsWritable value = new CovarianceSumsWritable();
      for (int block : blocks) {
        value.set(sums.block(block, bounds));
        writer.append(new IntWritable(block), value);
      }
    }
  }
}
