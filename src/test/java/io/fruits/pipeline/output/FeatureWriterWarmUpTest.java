package io.fruits.pipeline.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureWriterWarmUpTest {

  @TempDir java.nio.file.Path temp;

  /**
   * The warm-up only helps if it runs the code the tasks run: the same rows through the job's
   * output format give exactly the bytes the warm-up writes. A float column left
   * dictionary-encoded, or with statistics, would give other bytes.
   */
  @Test
  void writesWhatTheProjectionTasksWrite() throws Exception {
    Job job = Job.getInstance(new Configuration());
    FeatureOutputFormat.configure(job, "mobilenet_v2_1.0_224", 3, 0.9);
    Configuration conf = job.getConfiguration();
    float[] features = new float[1280];
    Arrays.fill(features, 0.25f);
    FeatureRow row = new FeatureRow("file:/photos/Kiwi/1.jpg", "Kiwi", 12, 1_700_000_000_000L,
        features, new float[] {1f, -2f, 0.5f});

    java.nio.file.Path file = temp.resolve("part-m-00000.parquet");
    RecordWriter<Void, FeatureRow> writer = new FeatureOutputFormat()
        .getRecordWriter(conf, new Path(file.toUri()), CompressionCodecName.UNCOMPRESSED);
    for (int i = 0; i < FeatureWriterWarmUp.ROWS; i++) {
      writer.write(null, row);
    }
    writer.close(null);

    java.nio.file.Path warmUp = temp.resolve("warm-up.parquet");
    FeatureWriterWarmUp.write(conf, row, new LocalOutputFile(warmUp));
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(warmUp));
  }
}
