package io.fruits.pipeline.output;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes {@link RejectRow}s as Parquet rows {@code (path, reason, detail)}. */
public class RejectWriteSupport extends RowWriteSupport<RejectRow> {

  public static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message fruit_rejects {\n"
          + "  required binary path (STRING);\n"
          + "  required binary reason (STRING);\n"
          + "  required binary detail (STRING);\n"
          + "}");

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(SCHEMA, Map.of());
  }

  @Override
  void writeFields(RejectRow row) {
    writeString("path", 0, row.path());
    writeString("reason", 1, row.reason().name());
    writeString("detail", 2, row.detail());
  }

  @Override
  public String getName() {
    return "fruits-rejects";
  }
}
