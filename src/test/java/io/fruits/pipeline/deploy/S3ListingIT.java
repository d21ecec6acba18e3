package io.fruits.pipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fruits.pipeline.ingest.ImageLister;
import io.fruits.pipeline.ingest.IngestKeys;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Listing a bucket of class folders through S3A, one walk against {@link
 * IngestKeys#LISTING_THREADS} folders at once: the same listing, and both times printed. 50
 * folders of 100 objects by default; {@code FRUITS_S3_LISTING_OBJECTS=50000} in the environment
 * gives the 50,000 (the upload then takes minutes, so it is not the default).
 */
@Timeout(1800)
class S3ListingIT {

  private static final String BUCKET = "fruits-listing-it";
  private static final int FOLDERS = 50;

  @TempDir java.nio.file.Path temp;

  @Test
  void parallelListingFindsWhatOneWalkFinds() throws Exception {
    String setting = System.getenv("FRUITS_S3_LISTING_OBJECTS");
    int objects = setting == null ? 5_000 : Integer.parseInt(setting);
    try (S3ProxyProcess server = S3ProxyProcess.start()) {
      Configuration conf = S3TestSettings.createBucket(server.endpoint(), BUCKET, temp,
          temp.resolve("s3-site.xml"));
      upload(server.endpoint(), objects);
      Path input = new Path("s3a://" + BUCKET + "/photos/");
      try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + BUCKET + "/"), conf)) {
        List<String> sequential = new ArrayList<>();
        long sequentialNanos = list(conf, input, 1, sequential);
        List<String> parallel = new ArrayList<>();
        long parallelNanos = list(conf, input, 16, parallel);
        assertEquals(objects, sequential.size());
        assertEquals(sequential, parallel);
        System.out.printf(Locale.ROOT, "S3 listing of %,d objects in %d folders: sequential %.2f s,"
            + " 16 threads %.2f s%n", objects, FOLDERS, sequentialNanos / 1e9, parallelNanos / 1e9);
      }
    }
  }

  private static long list(Configuration conf, Path input, int threads, List<String> into)
      throws Exception {
    Configuration withThreads = new Configuration(conf);
    withThreads.setInt(IngestKeys.LISTING_THREADS.key(), threads);
    long start = System.nanoTime();
    new ImageLister(withThreads).walk(input, image -> {
      into.add(image.getPath() + " " + image.getLen());
      return true;
    });
    return System.nanoTime() - start;
  }

  /** Puts {@code objects} small objects, spread evenly over the folders, 16 requests at a time. */
  private static void upload(URI endpoint, int objects) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (S3Client s3 = S3TestSettings.client(endpoint)) {
      List<Future<?>> puts = new ArrayList<>();
      for (int i = 0; i < objects; i++) {
        String key = String.format(Locale.ROOT, "photos/class-%02d/img-%06d.jpg", i % FOLDERS, i);
        byte[] body = new byte[1 + i % 97];
        puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(BUCKET).key(key),
            RequestBody.fromBytes(body))));
      }
      for (Future<?> put : puts) {
        put.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
