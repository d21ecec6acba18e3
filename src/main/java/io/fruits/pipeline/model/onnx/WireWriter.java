package io.fruits.pipeline.model.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Builds one serialized protobuf message in memory, field by field, in the order written. */
final class WireWriter {

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

  WireWriter varint(int field, long value) throws IOException {
    out.writeInt64(field, value);
    return this;
  }

  WireWriter string(int field, String value) throws IOException {
    out.writeString(field, value);
    return this;
  }

  /** An embedded message field holding {@code message}, already serialized. */
  WireWriter message(int field, byte[] message) throws IOException {
    out.writeByteArray(field, message);
    return this;
  }

  /** Bytes copied as they are: whole fields taken from another message. */
  WireWriter raw(byte[] source, int offset, int length) throws IOException {
    out.writeRawBytes(source, offset, length);
    return this;
  }

  byte[] toByteArray() throws IOException {
    out.flush();
    return buffer.toByteArray();
  }
}
