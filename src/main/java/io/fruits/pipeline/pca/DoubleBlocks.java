package io.fruits.pipeline.pca;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;

/**
 * Writes and reads double arrays in big-endian order, byte-identical to {@link
 * DataOutput#writeDouble} per element but through chunked byte arrays, because a 1280-d
 * triangle is 800k doubles and one call per element is slow on most streams.
 */
final class DoubleBlocks {

  private static final int CHUNK_DOUBLES = 1024;

  private DoubleBlocks() {}

  static void write(DataOutput out, double[] values) throws IOException {
    byte[] bytes = new byte[Math.min(values.length, CHUNK_DOUBLES) * Double.BYTES];
    DoubleBuffer view = ByteBuffer.wrap(bytes).asDoubleBuffer();
    for (int from = 0; from < values.length; from += CHUNK_DOUBLES) {
      int n = Math.min(CHUNK_DOUBLES, values.length - from);
      view.clear();
      view.put(values, from, n);
      out.write(bytes, 0, n * Double.BYTES);
    }
  }

  /** Fills {@code values} completely; a short stream ends in an EOFException. */
  static void read(DataInput in, double[] values) throws IOException {
    byte[] bytes = new byte[Math.min(values.length, CHUNK_DOUBLES) * Double.BYTES];
    DoubleBuffer view = ByteBuffer.wrap(bytes).asDoubleBuffer();
    for (int from = 0; from < values.length; from += CHUNK_DOUBLES) {
      int n = Math.min(CHUNK_DOUBLES, values.length - from);
      in.readFully(bytes, 0, n * Double.BYTES);
      view.clear();
      view.get(values, from, n);
    }
  }
}
