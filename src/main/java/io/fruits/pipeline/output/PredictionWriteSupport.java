package io.fruits.pipeline.output;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes {@link PredictionRow}s; the lists use the standard three-level LIST layout. */
public class PredictionWriteSupport extends RowWriteSupport<PredictionRow> {

  public static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message fruit_predictions {\n"
          + "  required binary path (STRING);\n"
          + "  required binary label (STRING);\n"
          + "  required binary predicted (STRING);\n"
          + "  required float probability;\n"
          + "  required group top3 (LIST) {\n"
          + "    repeated group list { required binary element (STRING); }\n"
          + "  }\n"
          + "  required group top3_probability (LIST) {\n"
          + "    repeated group list { required float element; }\n"
          + "  }\n"
          + "}");

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(SCHEMA, Map.of());
  }

  @Override
  void writeFields(PredictionRow row) {
    writeString("path", 0, row.path());
    writeString("label", 1, row.label());
    writeString("predicted", 2, row.predicted());
    writeFloat("probability", 3, row.probability());
    writeStringList("top3", 4, row.top3());
    writeFloatList("top3_probability", 5, row.top3Probabilities());
  }

  @Override
  public String getName() {
    return "fruits-predictions";
  }
}
