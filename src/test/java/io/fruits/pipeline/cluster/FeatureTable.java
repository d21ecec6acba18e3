package io.fruits.pipeline.cluster;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.testing.ParquetRows;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;

/**
 * The {@code features} Parquet rows of one run keyed by the image's path relative to the run's
 * input folder, so runs over {@code file:} and {@code hdfs:} copies of the same photos compare.
 */
record FeatureTable(Map<String, Row> rows) {

  /** One output row without its path. */
  record Row(String label, float[] features, float[] pca) {}

  /** Reads {@code <output>/features/*.parquet}; fails on a path outside the input or seen twice. */
  static FeatureTable read(Configuration conf, Path output, Path input) throws IOException {
    String folder = input.toUri().getPath();
    String root = folder.endsWith("/") ? folder : folder + "/";
    Map<String, Row> rows = new TreeMap<>();
    for (Group group : ParquetRows.read(conf, new Path(output, "features"))) {
      String path = new Path(group.getString("path", 0)).toUri().getPath();
      assertTrue(path.startsWith(root), path + " is not under the input " + root);
      Row row = new Row(group.getString("label", 0),
          ParquetRows.floats(group, "features"), ParquetRows.floats(group, "pca"));
      assertNull(rows.put(path.substring(root.length()), row), "two rows for " + path);
    }
    return new FeatureTable(Collections.unmodifiableMap(rows));
  }

  /** Relative path → label, for comparing which images came out under which label. */
  Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>();
    rows.forEach((path, row) -> labels.put(path, row.label()));
    return labels;
  }

  /** The largest absolute value of principal component {@code c} over all rows. */
  double pcaScale(int c) {
    double scale = 0;
    for (Row row : rows.values()) {
      scale = Math.max(scale, Math.abs(row.pca()[c]));
    }
    return scale;
  }
}
