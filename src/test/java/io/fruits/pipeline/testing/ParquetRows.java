package io.fruits.pipeline.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Assertions;

/** Reads Parquet output back with parquet-hadoop's generic {@link Group} API, independent of our writers. */
public final class ParquetRows {

  private ParquetRows() {}

  /** Every row of every {@code *.parquet} file directly in {@code folder}. */
  public static List<Group> read(Configuration conf, Path folder) throws IOException {
    List<Group> rows = new ArrayList<>();
    for (Path file : files(conf, folder)) {
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
        for (Group row = reader.read(); row != null; row = reader.read()) {
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** The feature rows of a run's output folder, by path. */
  public static Map<String, Group> rowsByPath(java.nio.file.Path output) throws IOException {
    Map<String, Group> rows = new TreeMap<>();
    for (Group row : read(new Configuration(), new Path(output.resolve("features").toUri()))) {
      Assertions.assertNull(rows.put(row.getString("path", 0), row),
          "two rows for " + row.getString("path", 0));
    }
    return rows;
  }

  public static List<Path> files(Configuration conf, Path folder) throws IOException {
    FileSystem fs = folder.getFileSystem(conf);
    List<Path> files = new ArrayList<>();
    for (FileStatus status : fs.listStatus(folder, p -> p.getName().endsWith(".parquet"))) {
      files.add(status.getPath());
    }
    return files;
  }

  public static Map<String, String> footer(Configuration conf, Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      return reader.getFooter().getFileMetaData().getKeyValueMetaData();
    }
  }

  /** The encodings used for {@code column} (a dotted path) in any row group of {@code file}. */
  public static Set<Encoding> encodings(Configuration conf, Path file, String column) throws IOException {
    Set<Encoding> encodings = new HashSet<>();
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          if (chunk.getPath().toDotString().equals(column)) {
            encodings.addAll(chunk.getEncodings());
          }
        }
      }
    }
    return encodings;
  }

  /** Whether any row group of {@code file} records the smallest and largest value of {@code column}. */
  public static boolean hasMinMax(Configuration conf, Path file, String column) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          if (chunk.getPath().toDotString().equals(column)
              && chunk.getStatistics() != null && chunk.getStatistics().hasNonNullValue()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** A standard three-level LIST column ({@code field.list[i].element}) as floats. */
  public static float[] floats(Group row, String field) {
    Group list = row.getGroup(field, 0);
    int n = list.getFieldRepetitionCount("list");
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = list.getGroup("list", i).getFloat("element", 0);
    }
    return values;
  }

  /**
   * The two outputs hold the same {@code rows} images (a count the caller knows from its input,
   * so that two empty outputs do not pass) with the same labels and, bit for bit, the same
   * features, and PCA scores within {@code pcaTolerance}.
   */
  public static void assertSameRows(java.nio.file.Path expectedOutput,
      java.nio.file.Path actualOutput, int rows, float pcaTolerance) throws IOException {
    Assertions.assertTrue(rows > 0, "an expected output without rows shows nothing");
    Map<String, Group> expected = rowsByPath(expectedOutput);
    Map<String, Group> actual = rowsByPath(actualOutput);
    Assertions.assertEquals(rows, expected.size(), "rows of " + expectedOutput);
    Assertions.assertEquals(expected.keySet(), actual.keySet());
    for (String path : expected.keySet()) {
      Assertions.assertEquals(expected.get(path).getString("label", 0),
          actual.get(path).getString("label", 0), path);
      Assertions.assertArrayEquals(floats(expected.get(path), "features"),
          floats(actual.get(path), "features"), path);
      Assertions.assertArrayEquals(floats(expected.get(path), "pca"),
          floats(actual.get(path), "pca"), pcaTolerance, path);
    }
  }
}
