package io.fruits.pipeline.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fruits.pipeline.testing.ParquetRows;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureWriteSupportTest {

  @TempDir java.nio.file.Path temp;

  @Test
  void rowsRoundTripThroughTheGenericReaderWithFooterFacts() throws Exception {
    Configuration conf = new Configuration();
    ProjectKeys.MODEL_NAME.set(conf, "mobilenet_v2_1.0_224");
    ProjectKeys.PCA_K.set(conf, 2);
    ProjectKeys.EXPLAINED_VARIANCE.set(conf, 0.75);
    Path file = new Path(temp.resolve("rows.parquet").toUri());
    List<FeatureRow> rows = List.of(
        new FeatureRow("s3a://b/Apple Golden 2/r_1_100.jpg", "Apple Golden 2",
            new float[] {0f, 1.5f, 6f}, new float[] {-0.25f, 3f}),
        new FeatureRow("s3a://b/Kiwi/2_100.jpg", "Kiwi", new float[] {2f, 2f, 2f}, new float[] {1f, 0f}));
    try (ParquetWriter<FeatureRow> writer = new Builder(file).withConf(conf).build()) {
      for (FeatureRow row : rows) {
        writer.write(row);
      }
    }

    List<Group> read = ParquetRows.read(conf, new Path(temp.toUri()));
    assertEquals(2, read.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(rows.get(i).path(), read.get(i).getString("path", 0));
      assertEquals(rows.get(i).label(), read.get(i).getString("label", 0));
      assertArrayEquals(rows.get(i).features(), ParquetRows.floats(read.get(i), "features"));
      assertArrayEquals(rows.get(i).pca(), ParquetRows.floats(read.get(i), "pca"));
    }
    Map<String, String> footer = ParquetRows.footer(conf, file);
    assertEquals("mobilenet_v2_1.0_224", footer.get(FeatureWriteSupport.FOOTER_MODEL));
    assertEquals("2", footer.get(FeatureWriteSupport.FOOTER_PCA_K));
    assertEquals("0.75", footer.get(FeatureWriteSupport.FOOTER_EXPLAINED_VARIANCE));
  }

  @Test
  void listsUseTheStandardThreeLevelLayout() {
    // The layout the Parquet format specification gives for LIST, written out independently.
    MessageType standard = MessageTypeParser.parseMessageType(
        "message m { required group features (LIST) { repeated group list { required float element; } } }");
    assertEquals(standard.getType("features"), FeatureWriteSupport.SCHEMA.getType("features"));
    assertEquals(LogicalTypeAnnotation.listType(),
        FeatureWriteSupport.SCHEMA.getType("pca").getLogicalTypeAnnotation());
    assertEquals(LogicalTypeAnnotation.stringType(),
        FeatureWriteSupport.SCHEMA.getType("path").getLogicalTypeAnnotation());
  }

  private static final class Builder extends ParquetWriter.Builder<FeatureRow, Builder> {
    Builder(Path file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<FeatureRow> getWriteSupport(Configuration conf) {
      return new FeatureWriteSupport();
    }
  }
}
