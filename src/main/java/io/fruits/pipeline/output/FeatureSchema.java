package io.fruits.pipeline.output;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The Parquet schema of the feature rows, declared once for the writer, the readers, the report
 * and incremental runs, with the footer keys every file carries. Lists use the standard
 * three-level LIST layout, which Spark, pyarrow and DuckDB read without a schema hint.
 */
public final class FeatureSchema {

  public static final String PATH = "path";
  public static final String LABEL = "label";
  public static final String SIZE = "size";
  public static final String MODIFIED = "modified";
  public static final String FEATURES = "features";
  public static final String PCA = "pca";

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

  /** The float columns of the two lists, as dotted paths. */
  public static final List<String> FLOAT_ELEMENTS =
      List.of(FEATURES + ".list.element", PCA + ".list.element");

  /** Footer metadata keys. */
  public static final String FOOTER_MODEL = "fruits.model";
  public static final String FOOTER_PCA_K = "fruits.pca.k";
  public static final String FOOTER_EXPLAINED_VARIANCE = "fruits.pca.explained-variance";

  private FeatureSchema() {}

  /**
   * The Parquet files of feature rows in {@code features}, name to length in bytes, as the
   * summary records them; a new map the caller may change.
   */
  public static SortedMap<String, Long> partFiles(FileSystem fs, Path features)
      throws IOException {
    SortedMap<String, Long> files = new TreeMap<>();
    for (FileStatus part : fs.listStatus(features, FeatureSchema::isPartFile)) {
      files.put(part.getPath().getName(), part.getLen());
    }
    return files;
  }

  /** True for the name of a Parquet file of feature rows, as the projection tasks write them. */
  private static boolean isPartFile(Path file) {
    return file.getName().startsWith("part-") && file.getName().endsWith(".parquet");
  }

  /** The schema restricted to {@code columns}, in the schema's order, for a reader's projection. */
  public static MessageType columns(String... columns) {
    return new MessageType(SCHEMA.getName(), Arrays.stream(columns).sorted(
        (a, b) -> Integer.compare(SCHEMA.getFieldIndex(a), SCHEMA.getFieldIndex(b)))
        .map(SCHEMA::getType).toList());
  }
}
