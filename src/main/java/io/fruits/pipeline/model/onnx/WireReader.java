package io.fruits.pipeline.model.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Steps through the fields of one serialized protobuf message in file order, decoding only the
 * fields the caller asks for and skipping the rest, so no generated classes are needed. Offsets are
 * absolute positions in the underlying byte array, which lets callers copy fields byte for byte.
 */
final class WireReader {

  private final byte[] bytes;
  private final int offset;
  private final int length;
  private final CodedInputStream in;
  private int tag;
  private int fieldStart;

  WireReader(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
    this.in = CodedInputStream.newInstance(bytes, offset, length);
  }

  /** Moves to the next field; false at the end of the message. */
  boolean next() throws IOException {
    fieldStart = position();
    tag = in.readTag();
    if (tag == 0) {
      return false;
    }
    int wireType = WireFormat.getTagWireType(tag);
    if (wireType == WireFormat.WIRETYPE_START_GROUP || wireType == WireFormat.WIRETYPE_END_GROUP) {
      throw new InvalidProtocolBufferException("group field " + field() + " at byte " + fieldStart
          + " (ONNX uses no groups)");
    }
    return true;
  }

  /** The current field's number. */
  int field() {
    return WireFormat.getTagFieldNumber(tag);
  }

  /** The current field as an integer (int32, int64 or enum). */
  long varint() throws IOException {
    expect(WireFormat.WIRETYPE_VARINT);
    return in.readInt64();
  }

  /** The current field as a UTF-8 string. */
  String string() throws IOException {
    expect(WireFormat.WIRETYPE_LENGTH_DELIMITED);
    return in.readStringRequireUtf8();
  }

  /** The current field as an embedded message, which this reader then steps over. */
  WireReader message() throws IOException {
    expect(WireFormat.WIRETYPE_LENGTH_DELIMITED);
    int size = in.readRawVarint32();
    int start = position();
    in.skipRawBytes(size);
    return new WireReader(bytes, start, size);
  }

  /** Steps over the current field without decoding it. */
  void skip() throws IOException {
    in.skipField(tag);
  }

  /** Where the current field's tag starts. */
  int fieldStart() {
    return fieldStart;
  }

  /** Where the next unread byte is; after the current field once it has been read or skipped. */
  int position() {
    return offset + in.getTotalBytesRead();
  }

  /** Where this message's content starts. */
  int offset() {
    return offset;
  }

  /** Bytes of content in this message. */
  int length() {
    return length;
  }

  private void expect(int wireType) throws InvalidProtocolBufferException {
    if (WireFormat.getTagWireType(tag) != wireType) {
      throw new InvalidProtocolBufferException("field " + field() + " at byte " + fieldStart
          + " has wire type " + WireFormat.getTagWireType(tag) + ", expected " + wireType);
    }
  }
}
