package io.fruits.pipeline.project;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes {@link FeatureRow}s with lists in the standard three-level LIST layout, which Spark,
 * pyarrow and DuckDB read without a schema hint. Run facts go into the footer metadata.
 */
public class FeatureWriteSupport extends WriteSupport<FeatureRow> {

  public static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message fruit_features {\n"
          + "  required binary path (STRING);\n"
          + "  required binary label (STRING);\n"
          + "  required int64 size;\n"
          + "  required int64 modified (TIMESTAMP(MILLIS,true));\n"
          + "  required group features (LIST) {\n"
          + "    repeated group list { required float element; }\n"
          + "  }\n"
          + "  required group pca (LIST) {\n"
          + "    repeated group list { required float element; }\n"
          + "  }\n"
          + "}");

  /** Footer metadata keys. */
  public static final String FOOTER_MODEL = "fruits.model";
  public static final String FOOTER_PCA_K = "fruits.pca.k";
  public static final String FOOTER_EXPLAINED_VARIANCE = "fruits.pca.explained-variance";

  private RecordConsumer consumer;

  @Override
  public WriteContext init(Configuration conf) {
    Map<String, String> footer = new LinkedHashMap<>();
    footer.put(FOOTER_MODEL, ProjectKeys.MODEL_NAME.get(conf));
    footer.put(FOOTER_PCA_K, ProjectKeys.PCA_K.get(conf));
    footer.put(FOOTER_EXPLAINED_VARIANCE, ProjectKeys.EXPLAINED_VARIANCE.get(conf));
    return new WriteContext(SCHEMA, footer);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(FeatureRow row) {
    consumer.startMessage();
    writeString("path", 0, row.path());
    writeString("label", 1, row.label());
    writeLong("size", 2, row.size());
    writeLong("modified", 3, row.modified());
    writeFloatList("features", 4, row.features());
    writeFloatList("pca", 5, row.pca());
    consumer.endMessage();
  }

  private void writeString(String field, int index, String value) {
    consumer.startField(field, index);
    consumer.addBinary(Binary.fromString(value));
    consumer.endField(field, index);
  }

  private void writeLong(String field, int index, long value) {
    consumer.startField(field, index);
    consumer.addLong(value);
    consumer.endField(field, index);
  }

  private void writeFloatList(String field, int index, float[] values) {
    consumer.startField(field, index);
    consumer.startGroup();
    if (values.length > 0) {
      consumer.startField("list", 0);
      for (float value : values) {
        consumer.startGroup();
        consumer.startField("element", 0);
        consumer.addFloat(value);
        consumer.endField("element", 0);
        consumer.endGroup();
      }
      consumer.endField("list", 0);
    }
    consumer.endGroup();
    consumer.endField(field, index);
  }

  @Override
  public String getName() {
    return "fruits-features";
  }
}
