package io.fruits.baseline;

import static org.apache.spark.sql.functions.col;

import io.fruits.pipeline.embed.EmbedKeys;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The Spark way of a fruits-pipeline run, the comparison #20 names: Spark 3.5 in local mode reads
 * the JPEGs under a folder recursively ({@code binaryFile}), embeds each partition's photos in
 * batches with ONNX Runtime ({@link EmbedPartition}), keeps the features in memory, fits Spark
 * ML's {@link PCA} with the k the pipeline chose, and writes path, label, features and scores as
 * Parquet. Spark's defaults otherwise, as a new user would run it. Prints its stage times.
 *
 * <p>Given the pipeline's output of the same photos, it then checks that both did the same work:
 * it reads the pipeline's Parquet, joins by path, and exits with status 1 unless both have the
 * same rows with the same features (to {@link #SAME_FEATURES}); it prints the explained variance
 * at k for comparison with the pipeline's. Done after the timed stages.
 *
 * <p>Usage: {@code SparkBaseline INPUT OUTPUT MODEL K [PIPELINE_OUTPUT]}.
 */
public final class SparkBaseline {

  /** The pipeline's default --batch-size, read from its key so the two cannot drift apart. */
  private static final int BATCH = Integer.parseInt(EmbedKeys.BATCH_SIZE.defaultValue());
  /**
   * Largest feature difference accepted as the same (features are ReLU6 averages in [0, 6]): the
   * same code and ONNX Runtime gave equal values at every batch size measured (README, "Batch
   * size"), and this leaves room for last bits that another CPU's kernels may give a photo in
   * another batch, as OpenBLAS's do by a row's position.
   */
  private static final double SAME_FEATURES = 1e-4;

  private SparkBaseline() {}

  public static void main(String[] args) {
    if (args.length < 4 || args.length > 5) {
      System.err.println("usage: SparkBaseline INPUT OUTPUT MODEL K [PIPELINE_OUTPUT]");
      System.exit(2);
    }
    String input = args[0];
    String output = args[1];
    String model = args[2];
    int k = Integer.parseInt(args[3]);

    long start = System.nanoTime();
    SparkSession spark = SparkSession.builder()
        .master("local[*]")
        .appName("fruits-spark-baseline")
        .config("spark.ui.enabled", "false")
        .getOrCreate();
    try {
      long session = System.nanoTime();
      Dataset<Row> files = spark.read().format("binaryFile")
          .option("recursiveFileLookup", "true")
          .option("pathGlobFilter", "*.jpg")
          .load(input)
          .select("path", "content");
      StructType schema = new StructType()
          .add("path", DataTypes.StringType, false)
          .add("label", DataTypes.StringType, false)
          .add("features", new VectorUDT(), false);
      JavaRDD<Row> embedded = files.javaRDD().mapPartitions(new EmbedPartition(model, BATCH));
      Dataset<Row> features = spark.createDataFrame(embedded, schema)
          .persist(StorageLevel.MEMORY_AND_DISK());
      long images = features.count();
      long embed = System.nanoTime();
      PCAModel pca = new PCA().setInputCol("features").setOutputCol("scores").setK(k)
          .fit(features);
      long fit = System.nanoTime();
      pca.transform(features).write().parquet(output);
      long write = System.nanoTime();
      System.out.printf("spark-baseline: %d images, %d partitions, k = %d%n", images,
          embedded.getNumPartitions(), k);
      System.out.printf("  session  %8.2f s%n", (session - start) / 1e9);
      System.out.printf("  embed    %8.2f s (%.1f images/s)%n", (embed - session) / 1e9,
          images / ((embed - session) / 1e9));
      System.out.printf("  pca fit  %8.2f s%n", (fit - embed) / 1e9);
      System.out.printf("  project  %8.2f s (scores and Parquet)%n", (write - fit) / 1e9);
      if (args.length == 5 && !sameAsPipeline(spark, features, images, pca, args[4])) {
        System.exit(1);
      }
    } finally {
      spark.stop();
    }
  }

  private static boolean sameAsPipeline(SparkSession spark, Dataset<Row> features, long images,
      PCAModel pca, String pipelineOutput) {
    Dataset<Row> pipeline = spark.read().parquet(pipelineOutput + "/features")
        .select(col("path"), col("features").as("pipeline"));
    JavaRDD<Double> differences = features.join(pipeline, "path").javaRDD()
        .map(SparkBaseline::largestDifference);
    long rows = differences.count();
    double largest = rows == 0 ? Double.NaN : differences.reduce(Math::max);
    double explained = 0;
    for (double ratio : pca.explainedVariance().toArray()) {
      explained += ratio;
    }
    long pipelineRows = pipeline.count();
    boolean same = rows == images && rows == pipelineRows && largest <= SAME_FEATURES;
    System.out.printf("  check    %d of %d rows (the pipeline's: %d) matched by path; largest"
        + " feature difference %.3g%s; explained variance at k %.6f%n", rows, images,
        pipelineRows, largest, same ? "" : " (NOT THE SAME WORK)", explained);
    return same;
  }

  /** Largest |Spark's feature - the pipeline's| of one joined row. */
  private static double largestDifference(Row row) {
    double[] spark = ((Vector) row.getAs("features")).toArray();
    List<Float> pipeline = row.getList(row.fieldIndex("pipeline"));
    if (pipeline.size() != spark.length) {
      return Double.POSITIVE_INFINITY;
    }
    double largest = 0;
    for (int i = 0; i < spark.length; i++) {
      largest = Math.max(largest, Math.abs(spark[i] - pipeline.get(i)));
    }
    return largest;
  }
}
