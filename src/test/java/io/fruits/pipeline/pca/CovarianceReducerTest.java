package io.fruits.pipeline.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fruits.pipeline.testing.MapReduceHarness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CovarianceReducerTest {

  @TempDir java.nio.file.Path temp;

  @Test
  void mergesEachBlocksPartialsLikeASinglePassOverAllRows() throws Exception {
    int dimension = 40;
    int blocks = 3;
    int[] bounds = CovarianceBlocks.blockBounds(dimension, blocks);
    Random random = new Random(11);
    CovarianceSums all;
    Map<IntWritable, List<CovarianceSumsWritable>> groups = new LinkedHashMap<>();
    for (int b = 0; b < blocks; b++) {
      groups.put(new IntWritable(b), new ArrayList<>());
    }
    // Five "map tasks" of different sizes, each emitting one partial per block.
    try (CovarianceAccumulator allRows = new CovarianceAccumulator(dimension)) {
      for (int task = 0; task < 5; task++) {
        int rows = 3 + 7 * task;
        float[] data = new float[rows * dimension];
        for (int i = 0; i < data.length; i++) {
          data[i] = 3f + (float) random.nextGaussian() * (1 + i % dimension / 10f);
        }
        CovarianceSums partial = TwoPassReference.sumsOf(data, dimension, 0, rows);
        allRows.addRows(data, rows);
        for (int b = 0; b < blocks; b++) {
          CovarianceSumsWritable value = new CovarianceSumsWritable();
          value.set(partial.block(b, bounds));
          groups.get(new IntWritable(b)).add(value);
        }
      }
      all = allRows.sums();
    }

    MapReduceHarness.Run<IntWritable, CovarianceSumsWritable> run = MapReduceHarness.runReducer(
        new CovarianceReducer(), new Configuration(), new Path(temp.toUri()), groups,
        IntWritable.class, CovarianceSumsWritable.class);

    assertEquals(blocks, run.output().size());
    assertEquals(15, run.counter(CovarianceReducer.Counters.PARTIALS_MERGED));
    List<CovarianceSums> merged = new ArrayList<>();
    run.output().forEach(pair -> merged.add(pair.getValue().get()));
    CovarianceSums assembled = CovarianceBlocks.assemble(merged);
    assertEquals(all.count(), assembled.count());
    assertArrayEquals(all.mean(), assembled.mean(), 1e-12);
    double scale = 0;
    for (double v : all.valuesRef()) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertArrayEquals(all.valuesRef(), assembled.valuesRef(), 1e-9 * scale);
  }
}
