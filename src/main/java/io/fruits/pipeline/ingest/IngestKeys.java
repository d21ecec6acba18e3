package io.fruits.pipeline.ingest;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.InvalidConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/** Configuration keys of the ingest stage: which files are images and how they are packed into splits. */
public final class IngestKeys {

  public static final ConfigKey EXTENSIONS = ConfigKey.settable("fruits.ingest.extensions",
      "jpg,jpeg,png,bmp,webp,heic,heif",
      "comma-separated file extensions listed as images (case-insensitive)");
  public static final ConfigKey MAX_BYTES = ConfigKey.settable("fruits.ingest.max-bytes",
      "67108864", "image files longer than this many bytes are rejected as TOO_LARGE from their"
          + " listed length, unread (at most 2147483639)");
  public static final ConfigKey SPLIT_SIZE = ConfigKey.settable("fruits.ingest.split-size",
      "67108864", "bytes of image files packed into one map task's split (small files are combined)");
  public static final ConfigKey MIN_SPLITS = ConfigKey.settable("fruits.ingest.min-splits", "1",
      "at least this many splits when the input allows, each an equal share of the"
          + " work (see image-cost; the local runner sets it to its number of map threads)");
  public static final ConfigKey IMAGE_COST = ConfigKey.settable("fruits.ingest.image-cost",
      "524288", "the work of one image beyond its bytes, in bytes, when the input is shared"
          + " among the min-splits splits: a photo costs an inference however small its file"
          + " (fp32 MobileNetV2 on one core: one inference ~ decoding 0.7 MB of JPEG)");
  public static final ConfigKey LISTING_THREADS = ConfigKey.settable(
      "fruits.ingest.listing-threads", "16", "top-level input folders listed at once on object"
          + " stores and HDFS (one recursive listing each; 1 lists the input as one walk)");
  public static final List<ConfigKey> ALL =
      List.of(EXTENSIONS, MAX_BYTES, SPLIT_SIZE, MIN_SPLITS, IMAGE_COST, LISTING_THREADS);

  /** Largest byte array Java allocates. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private IngestKeys() {}

  /** {@link #MAX_BYTES}, checked to be positive and to fit a Java array. */
  public static long maxBytes(Configuration conf) {
    long value = MAX_BYTES.getLong(conf);
    if (value <= 0 || value > MAX_ARRAY) {
      throw new InvalidConfigException(
          MAX_BYTES.key() + " must be in [1, " + MAX_ARRAY + "], got " + value);
    }
    return value;
  }

  /** {@link #IMAGE_COST}, checked not to be negative. */
  public static long imageCost(Configuration conf) {
    long value = IMAGE_COST.getLong(conf);
    if (value < 0) {
      throw new InvalidConfigException(IMAGE_COST.key() + " must be at least 0, got " + value);
    }
    return value;
  }

  /** {@link #LISTING_THREADS}, checked to be at least 1. */
  public static int listingThreads(Configuration conf) {
    int value = LISTING_THREADS.getInt(conf);
    if (value < 1) {
      throw new InvalidConfigException(LISTING_THREADS.key() + " must be at least 1, got " + value);
    }
    return value;
  }

  /** The image extensions, lower case, without dots. */
  public static Set<String> extensions(Configuration conf) {
    return Arrays.stream(EXTENSIONS.require(conf).split(","))
        .map(s -> s.trim().toLowerCase(Locale.ROOT))
        .map(s -> s.startsWith(".") ? s.substring(1) : s)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
