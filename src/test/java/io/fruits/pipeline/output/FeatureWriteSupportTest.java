package io.fruits.pipeline.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fruits.pipeline.testing.ParquetRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureWriteSupportTest {

  @TempDir java.nio.file.Path temp;

  @Test
  void rowsRoundTripThroughTheGenericReaderWithFooterFacts() throws Exception {
    Configuration conf = withFooterFacts(2, 0.75);
    Path file = new Path(temp.resolve("rows.parquet").toUri());
    List<FeatureRow> rows = List.of(
        new FeatureRow("s3a://b/Apple Golden 2/r_1_100.jpg", "Apple Golden 2", 4711,
            1_700_000_000_123L, new float[] {0f, 1.5f, 6f}, new float[] {-0.25f, 3f}),
        new FeatureRow("s3a://b/Kiwi/2_100.jpg", "Kiwi", 5, 0L, new float[] {2f, 2f, 2f},
            new float[] {1f, 0f}));
    try (ParquetWriter<FeatureRow> writer = new FeatureWriterBuilder(HadoopOutputFile.fromPath(file, conf))
        .withConf(conf).build()) {
      for (FeatureRow row : rows) {
        writer.write(row);
      }
    }

    List<Group> read = ParquetRows.read(conf, new Path(temp.toUri()));
    assertEquals(2, read.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(rows.get(i).path(), read.get(i).getString("path", 0));
      assertEquals(rows.get(i).label(), read.get(i).getString("label", 0));
      assertEquals(rows.get(i).size(), read.get(i).getLong("size", 0));
      assertEquals(rows.get(i).modified(), read.get(i).getLong("modified", 0));
      assertArrayEquals(rows.get(i).features(), ParquetRows.floats(read.get(i), "features"));
      assertArrayEquals(rows.get(i).pca(), ParquetRows.floats(read.get(i), "pca"));
    }
    List<FeatureRow> typed = readTyped(conf, file);
    for (int i = 0; i < rows.size(); i++) {
      FeatureRow expected = rows.get(i);
      FeatureRow actual = typed.get(i);
      assertEquals(expected.path(), actual.path());
      assertEquals(expected.label(), actual.label());
      assertEquals(expected.size(), actual.size());
      assertEquals(expected.modified(), actual.modified());
      assertArrayEquals(expected.features(), actual.features());
      assertArrayEquals(expected.pca(), actual.pca());
    }
    Map<String, String> footer = ParquetRows.footer(conf, file);
    assertEquals("mobilenet_v2_1.0_224", footer.get(FeatureSchema.FOOTER_MODEL));
    assertEquals("2", footer.get(FeatureSchema.FOOTER_PCA_K));
    assertEquals("0.75", footer.get(FeatureSchema.FOOTER_EXPLAINED_VARIANCE));
  }

  @Test
  void aProjectionReadsOnlyTheFileColumns() throws Exception {
    Configuration conf = withFooterFacts(1, 0.5);
    Path file = new Path(temp.resolve("rows.parquet").toUri());
    float[] features = new float[1280];
    Arrays.fill(features, 0.5f);
    try (ParquetWriter<FeatureRow> writer = new FeatureWriterBuilder(HadoopOutputFile.fromPath(file, conf))
        .withConf(conf).build()) {
      writer.write(new FeatureRow("file:/x/Kiwi/a.jpg", "Kiwi", 99, 1234L, features, new float[] {1f}));
    }
    conf.set(ReadSupport.PARQUET_READ_SCHEMA,
        FeatureSchema.columns(FeatureSchema.PATH, FeatureSchema.SIZE, FeatureSchema.MODIFIED).toString());
    FeatureRow row = readTyped(conf, file).get(0);
    assertEquals("file:/x/Kiwi/a.jpg", row.path());
    assertEquals(99, row.size());
    assertEquals(1234L, row.modified());
    assertNull(row.label());
    assertEquals(0, row.features().length);
  }

  @Test
  void modificationTimesAreUtcMillisecondTimestamps() {
    assertEquals(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS),
        FeatureSchema.SCHEMA.getType("modified").getLogicalTypeAnnotation());
  }

  /** The footer facts the driver puts in the projection job's configuration. */
  private static Configuration withFooterFacts(int k, double explainedVariance) {
    Configuration conf = new Configuration();
    OutputKeys.MODEL_NAME.set(conf, "mobilenet_v2_1.0_224");
    OutputKeys.PCA_K.set(conf, k);
    OutputKeys.EXPLAINED_VARIANCE.set(conf, explainedVariance);
    return conf;
  }

  private static List<FeatureRow> readTyped(Configuration conf, Path file) throws Exception {
    List<FeatureRow> rows = new ArrayList<>();
    try (ParquetReader<FeatureRow> reader =
        ParquetReader.builder(new FeatureReadSupport(), file).withConf(conf).build()) {
      for (FeatureRow row = reader.read(); row != null; row = reader.read()) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void listsUseTheStandardThreeLevelLayout() {
    // The layout the Parquet format specification gives for LIST, written out independently.
    MessageType standard = MessageTypeParser.parseMessageType(
        "message m { required group features (LIST) { repeated group list { required float element; } } }");
    assertEquals(standard.getType("features"), FeatureSchema.SCHEMA.getType("features"));
    assertEquals(LogicalTypeAnnotation.listType(),
        FeatureSchema.SCHEMA.getType("pca").getLogicalTypeAnnotation());
    assertEquals(LogicalTypeAnnotation.stringType(),
        FeatureSchema.SCHEMA.getType("path").getLogicalTypeAnnotation());
  }
}
