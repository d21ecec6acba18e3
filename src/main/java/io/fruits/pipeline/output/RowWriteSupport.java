package io.fruits.pipeline.output;

import java.util.List;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * What the output's write supports share: the record consumer and how one field of each kind is
 * written (strings, longs, and float lists in the three-level LIST layout).
 */
abstract class RowWriteSupport<T> extends WriteSupport<T> {

  private RecordConsumer consumer;

  @Override
  public final void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public final void write(T row) {
    consumer.startMessage();
    writeFields(row);
    consumer.endMessage();
  }

  /** Writes every field of {@code row} in schema order. */
  abstract void writeFields(T row);

  final void writeString(String field, int index, String value) {
    consumer.startField(field, index);
    consumer.addBinary(Binary.fromString(value));
    consumer.endField(field, index);
  }

  final void writeLong(String field, int index, long value) {
    consumer.startField(field, index);
    consumer.addLong(value);
    consumer.endField(field, index);
  }

  final void writeFloat(String field, int index, float value) {
    consumer.startField(field, index);
    consumer.addFloat(value);
    consumer.endField(field, index);
  }

  final void writeStringList(String field, int index, List<String> values) {
    consumer.startField(field, index);
    consumer.startGroup();
    if (!values.isEmpty()) {
      consumer.startField("list", 0);
      for (String value : values) {
        consumer.startGroup();
        consumer.startField("element", 0);
        consumer.addBinary(Binary.fromString(value));
        consumer.endField("element", 0);
        consumer.endGroup();
      }
      consumer.endField("list", 0);
    }
    consumer.endGroup();
    consumer.endField(field, index);
  }

  final void writeFloatList(String field, int index, float[] values) {
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
}
