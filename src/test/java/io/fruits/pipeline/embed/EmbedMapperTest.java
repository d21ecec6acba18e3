package io.fruits.pipeline.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.image.ImageKeys;
import io.fruits.pipeline.image.RejectReason;
import io.fruits.pipeline.ingest.ImageFile;
import io.fruits.pipeline.ingest.ImageFileReading;
import io.fruits.pipeline.ingest.IngestKeys;
import io.fruits.pipeline.model.FeatureExtractor;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.ModelFingerprint;
import io.fruits.pipeline.model.ModelHolder;
import io.fruits.pipeline.model.ModelKeys;
import io.fruits.pipeline.model.ModelMismatchException;
import io.fruits.pipeline.pca.CovarianceSums;
import io.fruits.pipeline.pca.CovarianceSumsWritable;
import io.fruits.pipeline.testing.Embeddings;
import io.fruits.pipeline.testing.MapReduceHarness;
import io.fruits.pipeline.testing.ParquetRows;
import io.fruits.pipeline.testing.SharedData;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedMapperTest {

  @TempDir java.nio.file.Path temp;

  @Test
  void embedsEachImageOnceRejectsGarbageAndEmitsOneBlockPerReducer() throws Exception {
    List<java.nio.file.Path> photos = SharedData.fruits(2, 3);
    java.nio.file.Path garbage = Files.write(temp.resolve("garbage.jpg"), new byte[] {1, 2, 3, 4, 5});

    Configuration base = new Configuration();
    base.setInt(EmbedKeys.BATCH_SIZE.key(), 4); // 6 photos: one full batch and one partial
    Path out = new Path(temp.resolve("out").toUri());
    Job job = EmbedJob.create(base, new Path(temp.toUri()), out,
        new Path(SharedData.floatModel().toUri()), ModelDescriptor.MOBILENET_V2,
        ModelFingerprint.of(SharedData.floatModel(), ModelDescriptor.MOBILENET_V2), 3);
    Configuration conf = job.getConfiguration();

    List<Map.Entry<Text, ImageFile>> input = new ArrayList<>();
    for (java.nio.file.Path file : withGarbage(photos, garbage)) {
      ImageFile image = new ImageFile();
      Path path = new Path(file.toUri());
      ImageFileReading.read(path, Files.size(file), Files.getLastModifiedTime(file).toMillis(), conf, image);
      input.add(Map.entry(new Text(path.toString()), image));
    }
    MapReduceHarness.Run<IntWritable, CovarianceSumsWritable> run =
        MapReduceHarness.runMapper(new EmbedMapper(), conf, out, input);

    assertEquals(7, run.counter(EmbedMapper.Counters.IMAGES_READ));
    assertEquals(6, run.counter(EmbedMapper.Counters.IMAGES_EMBEDDED));
    assertEquals(1, run.counter(EmbedMapper.Counters.IMAGES_REJECTED));
    assertEquals(1, run.counter(RejectReason.NOT_AN_IMAGE));

    List<Group> rejects = ParquetRows.read(conf, new Path(out, "rejects"));
    assertEquals(1, rejects.size());
    assertTrue(rejects.get(0).getString("path", 0).endsWith("garbage.jpg"));
    assertEquals("NOT_AN_IMAGE", rejects.get(0).getString("reason", 0));

    Map<String, float[]> expected = referenceFeatures(photos);
    Map<String, EmbeddingWritable> embedded = readEmbeddings(conf, new Path(out, "embeddings"));
    assertEquals(6, embedded.size());
    assertEquals(expected.keySet(), embedded.keySet());
    for (java.nio.file.Path photo : photos) {
      EmbeddingWritable e = embedded.get(photo.toUri().getPath());
      assertEquals(photo.getParent().getFileName().toString(), e.label());
      assertEquals(Files.size(photo), e.size());
      assertEquals(Files.getLastModifiedTime(photo).toMillis(), e.modified());
      assertArrayEquals(expected.get(photo.toUri().getPath()), e.features(), 1e-4f);
    }

    // One block per reducer, each carrying the count and the mean of the six embeddings.
    assertEquals(3, run.output().size());
    double[] mean = new double[1280];
    for (float[] f : expected.values()) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += f[j] / 6.0;
      }
    }
    for (int b = 0; b < 3; b++) {
      assertEquals(b, run.output().get(b).getKey().get());
      CovarianceSums block = run.output().get(b).getValue().get();
      assertEquals(6, block.count());
      assertArrayEquals(mean, block.mean(), 1e-4);
    }
  }

  @Test
  void theSortBufferHoldsWhatATaskEmitsInOneSpillAndNoMore() throws Exception {
    java.nio.file.Path photo = SharedData.fruits(1, 1).get(0);
    Path out = new Path(temp.resolve("out").toUri());
    Configuration conf = embedJob(new Configuration(), out, 3).getConfiguration();
    ImageFile image = new ImageFile();
    ImageFileReading.read(new Path(photo.toUri()), Files.size(photo), 0L, conf, image);
    MapReduceHarness.Run<IntWritable, CovarianceSumsWritable> run = MapReduceHarness.runMapper(
        new EmbedMapper(), conf, out, List.of(Map.entry(new Text(photo.toString()), image)));

    // What the task emitted, as MapTask's buffer holds it: key and value bytes and 16 bytes of
    // accounting per record; it spills once the buffer is 80 % full.
    long held = 0;
    DataOutputBuffer bytes = new DataOutputBuffer();
    for (Map.Entry<IntWritable, CovarianceSumsWritable> record : run.output()) {
      bytes.reset();
      record.getKey().write(bytes);
      record.getValue().write(bytes);
      held += bytes.getLength() + 16;
    }
    assertEquals(3, run.output().size());
    int sortMb = conf.getInt(MRJobConfig.IO_SORT_MB, -1);
    assertTrue(held <= 0.8 * sortMb * (1 << 20), held + " bytes in a " + sortMb + " MB buffer");
    assertTrue(sortMb <= 10, "a 1280-d task's 6.6 MB of sums in " + sortMb + " MB, not 100");

    Configuration small = new Configuration();
    small.setInt(MRJobConfig.IO_SORT_MB, 4);
    assertEquals(4, embedJob(small, out, 3).getConfiguration().getInt(MRJobConfig.IO_SORT_MB, -1));
  }

  private static Job embedJob(Configuration base, Path out, int reducers) throws Exception {
    return EmbedJob.create(base, out, out, new Path(SharedData.floatModel().toUri()),
        ModelDescriptor.MOBILENET_V2,
        ModelFingerprint.of(SharedData.floatModel(), ModelDescriptor.MOBILENET_V2), reducers);
  }

  @Test
  void aTaskRefusesAModelFileOtherThanTheOneTheDriverChecked() throws Exception {
    Path out = new Path(temp.resolve("other").toUri());
    Job job = EmbedJob.create(new Configuration(), new Path(temp.toUri()), out,
        new Path(SharedData.floatModel().toUri()), ModelDescriptor.MOBILENET_V2,
        ModelFingerprint.of(SharedData.int8Model(), ModelDescriptor.MOBILENET_V2), 1);
    ModelMismatchException e = assertThrows(ModelMismatchException.class,
        () -> MapReduceHarness.runMapper(new EmbedMapper(), job.getConfiguration(), out,
            List.<Map.Entry<Text, ImageFile>>of()));
    assertTrue(e.getMessage().contains("the driver checked a model with sha256"), e.getMessage());
  }

  @Test
  void aFileOverTheByteLimitIsRejectedAsTooLarge() throws Exception {
    java.nio.file.Path photo = SharedData.fruits(1, 1).get(0);
    Configuration base = new Configuration();
    base.setLong(IngestKeys.MAX_BYTES.key(), Files.size(photo) - 1);
    Path out = new Path(temp.resolve("out").toUri());
    Configuration conf = EmbedJob.create(base, new Path(temp.toUri()), out,
        new Path(SharedData.floatModel().toUri()), ModelDescriptor.MOBILENET_V2,
        ModelFingerprint.of(SharedData.floatModel(), ModelDescriptor.MOBILENET_V2), 1)
        .getConfiguration();
    ImageFile image = new ImageFile();
    ImageFileReading.read(new Path(photo.toUri()), Files.size(photo), 0L, conf, image);

    MapReduceHarness.Run<IntWritable, CovarianceSumsWritable> run = MapReduceHarness.runMapper(
        new EmbedMapper(), conf, out, List.of(Map.entry(new Text(photo.toString()), image)));

    assertEquals(1, run.counter(RejectReason.TOO_LARGE));
    assertEquals(0, run.counter(EmbedMapper.Counters.IMAGES_EMBEDDED));
    List<Group> rejects = ParquetRows.read(conf, new Path(out, "rejects"));
    assertEquals("TOO_LARGE", rejects.get(0).getString("reason", 0));
    assertTrue(rejects.get(0).getString("detail", 0).contains(IngestKeys.MAX_BYTES.key()),
        rejects.get(0).getString("detail", 0));
  }

  @Test
  void aSetupThatFailsOnASettingTakesNoHoldOnTheModel() throws Exception {
    Configuration base = new Configuration();
    base.setLong(ImageKeys.DECODE_TIMEOUT.key(), 0);
    assertSetupFailsAndLeavesTheModelToItsOtherHolder(base, InvalidConfigException.class);
  }

  @Test
  void aSetupThatFailsAfterTakingTheModelGivesItBack() throws Exception {
    Configuration base = new Configuration();
    base.setInt(EmbedKeys.BATCH_SIZE.key(), 0); // refused by allocateBatch, once the model is held
    assertSetupFailsAndLeavesTheModelToItsOtherHolder(base, IllegalArgumentException.class);
  }

  /**
   * Holds the model, runs a task whose setup fails with {@code expected}, then lets go: if the task
   * kept no reference, that was the last one and the session is closed.
   */
  private void assertSetupFailsAndLeavesTheModelToItsOtherHolder(
      Configuration base, Class<? extends Exception> expected) throws Exception {
    Path out = new Path(temp.resolve("failed").toUri());
    Configuration conf = EmbedJob.create(base, new Path(temp.toUri()), out,
        new Path(SharedData.floatModel().toUri()), ModelDescriptor.MOBILENET_V2,
        ModelFingerprint.of(SharedData.floatModel(), ModelDescriptor.MOBILENET_V2), 1)
        .getConfiguration();
    FeatureExtractor held = ModelHolder.acquire(
        SharedData.floatModel(), ModelDescriptor.MOBILENET_V2, ModelKeys.settings(conf));
    try {
      assertThrows(expected, () -> MapReduceHarness.runMapper(new EmbedMapper(), conf, out,
          List.<Map.Entry<Text, ImageFile>>of()));
    } finally {
      ModelHolder.release(held);
    }
    FloatBuffer batch = held.allocateBatch(1);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> held.extract(batch, 1, new float[ModelDescriptor.MOBILENET_V2.featureDimension()]));
    assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
  }

  private static List<java.nio.file.Path> withGarbage(List<java.nio.file.Path> photos, java.nio.file.Path garbage) {
    List<java.nio.file.Path> all = new ArrayList<>(photos);
    all.add(2, garbage);
    return all;
  }

  /** Each photo embedded alone, outside the mapper. */
  private static Map<String, float[]> referenceFeatures(List<java.nio.file.Path> photos) throws Exception {
    float[][] features = Embeddings.of(SharedData.floatModel(), photos);
    Map<String, float[]> byPath = new HashMap<>();
    for (int i = 0; i < photos.size(); i++) {
      byPath.put(photos.get(i).toUri().getPath(), features[i]);
    }
    return byPath;
  }

  private static Map<String, EmbeddingWritable> readEmbeddings(Configuration conf, Path folder) throws Exception {
    Map<String, EmbeddingWritable> byPath = new HashMap<>();
    for (var status : folder.getFileSystem(conf).listStatus(folder, p -> p.getName().startsWith("part"))) {
      try (SequenceFile.Reader reader = new SequenceFile.Reader(conf, SequenceFile.Reader.file(status.getPath()))) {
        EmbeddingWritable value = new EmbeddingWritable();
        while (reader.next(NullWritable.get(), value)) {
          EmbeddingWritable copy = new EmbeddingWritable();
          copy.set(value.path(), value.label(), value.size(), value.modified(), value.features(), 0,
              value.features().length);
          String path = new Path(value.path()).toUri().getPath();
          assertNull(byPath.put(path, copy), "embedded more than once: " + path);
        }
      }
    }
    return byPath;
  }
}
