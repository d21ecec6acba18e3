package io.fruits.pipeline.pca;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Writes and reads a {@link PcaModel} in the versioned binary format below, over streams or as a
 * file on any Hadoop file system.
 *
 * <p>Format version 2, all numbers big-endian as {@link java.io.DataOutput} writes them:
 *
 * <pre>
 * offset      size     field
 * 0           8        magic, the ASCII bytes "FRUITPCA"
 * 8           4        int    format version, 2
 * 12          4        int    dimension d
 * 16          8        long   count n, rows the covariance was estimated from
 * 24          4        int    k, components the projection uses (1 ≤ k ≤ d)
 * 28          2 + L    modelName as DataOutput.writeUTF: unsigned short L, then L bytes of
 *                      modified UTF-8
 * 30 + L      8·d      double mean[d]
 * 30 + L + 8d 8·d      double eigenvalues[d], descending
 * 30 + L+16d  8·d      double explained variance ratios[d]
 * 30 + L+24d  8·k·d    double components[k][d], row-major: row i is component i
 * </pre>
 *
 * A 1280-d model with k = 377 takes 30 + L + 8·(3·1280 + 377·1280) bytes, about 3.9 MB, and that
 * is all a projection task loads. Version 1 files, which held all d components, are still read.
 */
public final class PcaModelFile {

  private static final byte[] MAGIC = "FRUITPCA".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 2;
  private static final int ALL_COMPONENTS_VERSION = 1;
  /** Largest d whose d×d components fit in one Java array. */
  private static final int MAX_DIMENSION = 46_340;

  private PcaModelFile() {}

  /** Writes {@code model} to a new {@code file}; an existing file is never replaced. */
  public static void save(Configuration conf, PcaModel model, Path file) throws IOException {
    try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
      write(model, out);
    }
  }

  public static PcaModel load(Configuration conf, Path file) throws IOException {
    try (InputStream in = file.getFileSystem(conf).open(file)) {
      return read(in);
    }
  }

  /** Writes {@code model} to {@code stream}, flushing but not closing it. */
  public static void write(PcaModel model, OutputStream stream) throws IOException {
    DataOutputStream out = new DataOutputStream(stream);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(model.dimension());
    out.writeLong(model.count());
    out.writeInt(model.k());
    out.writeUTF(model.modelName());
    DoubleBlocks.write(out, model.mean());
    DoubleBlocks.write(out, model.eigenvalues());
    DoubleBlocks.write(out, model.explainedVarianceRatio());
    DoubleBlocks.write(out, model.componentsRef());
    out.flush();
  }

  /**
   * Reads a model written by {@link #write}, leaving {@code stream} open.
   *
   * @throws IOException if the stream is not a PCA model file, has an unknown version or a bad
   *     header, or ends early
   */
  public static PcaModel read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException("not a PCA model file: expected magic \"FRUITPCA\", found \""
          + new String(magic, StandardCharsets.ISO_8859_1) + "\"");
    }
    int version = in.readInt();
    if (version != VERSION && version != ALL_COMPONENTS_VERSION) {
      throw new IOException("unsupported PCA model file version " + version
          + "; this build reads versions " + ALL_COMPONENTS_VERSION + " and " + VERSION);
    }
    int d = in.readInt();
    long count = in.readLong();
    int k = in.readInt();
    if (d < 1 || d > MAX_DIMENSION || count < 0 || k < 1 || k > d) {
      throw new IOException("corrupt PCA model file header: dimension " + d + ", count " + count
          + ", k " + k);
    }
    String modelName = in.readUTF();
    double[] mean = new double[d];
    double[] eigenvalues = new double[d];
    double[] ratios = new double[d];
    double[] components = new double[(version == VERSION ? k : d) * d];
    DoubleBlocks.read(in, mean);
    DoubleBlocks.read(in, eigenvalues);
    DoubleBlocks.read(in, ratios);
    DoubleBlocks.read(in, components);
    return new PcaModel(d, count, k, modelName, mean, eigenvalues, ratios,
        Arrays.copyOf(components, k * d));
  }
}
