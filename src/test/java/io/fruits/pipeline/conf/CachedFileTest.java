package io.fruits.pipeline.conf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fruits.pipeline.testing.SyntheticFileSystem;
import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedFileTest {

  @TempDir java.nio.file.Path temp;

  @Test
  void theLocalRunnerReadsLocalFilesInPlaceWithoutTheCache() throws Exception {
    java.nio.file.Path model = Files.writeString(temp.resolve("model.onnx"), "onnx");
    // A comma and a space in a folder name must survive the list the files are kept in.
    java.nio.file.Path odd = Files.createDirectories(temp.resolve("runs, old"));
    java.nio.file.Path pca = Files.writeString(odd.resolve("model.bin"), "pca");
    Job job = Job.getInstance(new Configuration());

    CachedFile.add(job, new Path(model.toUri()), "model.onnx");
    CachedFile.add(job, new Path(pca.toUri()), "pca-model.bin");

    assertNull(job.getCacheFiles(), "nothing for the local runner to copy");
    assertEquals(model, CachedFile.local(job, "model.onnx"));
    assertEquals(pca, CachedFile.local(job, "pca-model.bin"));
    FileNotFoundException missing =
        assertThrows(FileNotFoundException.class, () -> CachedFile.local(job, "other.bin"));
    assertEquals("distributed-cache file 'other.bin' is not in the task's working folder",
        missing.getMessage());
  }

  @Test
  void aClusterJobShipsTheFileThroughTheCache() throws Exception {
    java.nio.file.Path model = Files.writeString(temp.resolve("model.bin"), "pca");
    Configuration conf = new Configuration();
    conf.set(MRConfig.FRAMEWORK_NAME, MRConfig.YARN_FRAMEWORK_NAME);
    Job job = Job.getInstance(conf);

    CachedFile.add(job, new Path(model.toUri()), "pca-model.bin");

    assertNull(ConfKeys.FILES_IN_PLACE.get(job.getConfiguration()));
    assertArrayEquals(new URI[] {URI.create(model.toUri() + "#pca-model.bin")},
        job.getCacheFiles());
  }

  @Test
  void theLocalRunnerStillCachesAFileFromAnotherFileSystem() throws Exception {
    Configuration conf = new Configuration();
    SyntheticFileSystem.install(conf);
    Job job = Job.getInstance(conf);
    Path remote = SyntheticFileSystem.file(SyntheticFileSystem.root(10, 1), 10, 1, 3);

    CachedFile.add(job, remote, "pca-model.bin");

    assertNull(ConfKeys.FILES_IN_PLACE.get(job.getConfiguration()));
    assertArrayEquals(new URI[] {URI.create(remote + "#pca-model.bin")}, job.getCacheFiles());
  }
}
