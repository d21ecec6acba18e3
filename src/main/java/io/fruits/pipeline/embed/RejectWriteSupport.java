package io.fruits.pipeline.embed;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes {@link RejectRow}s as Parquet rows {@code (path, reason, detail)}. */
public class RejectWriteSupport extends WriteSupport<RejectRow> {

  public static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message fruit_rejects {\n"
          + "  required binary path (STRING);\n"
          + "  required binary reason (STRING);\n"
          + "  required binary detail (STRING);\n"
          + "}");

  private RecordConsumer consumer;

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(SCHEMA, Map.of());
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(RejectRow row) {
    consumer.startMessage();
    writeString("path", 0, row.path());
    writeString("reason", 1, row.reason().name());
    writeString("detail", 2, row.detail());
    consumer.endMessage();
  }

  private void writeString(String field, int index, String value) {
    consumer.startField(field, index);
    consumer.addBinary(Binary.fromString(value));
    consumer.endField(field, index);
  }

  @Override
  public String getName() {
    return "fruits-rejects";
  }
}
