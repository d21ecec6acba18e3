package io.fruits.pipeline.ingest;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.conf.KeySpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/** Configuration keys of the ingest stage: which files are images and how they are packed into splits. */
public enum IngestKeys implements ConfigKey {
  EXTENSIONS("fruits.ingest.extensions", "jpg,jpeg,png,bmp,webp,heic,heif",
      "comma-separated file extensions listed as images (case-insensitive)"),
  MAX_BYTES("fruits.ingest.max-bytes", "67108864",
      "image files longer than this many bytes are rejected as TOO_LARGE from their listed length,"
          + " unread (at most 2147483639)"),
  SPLIT_SIZE("fruits.ingest.split-size", "67108864",
      "bytes of image files packed into one map task's split (small files are combined)"),
  MIN_SPLITS("fruits.ingest.min-splits", "1",
      "at least this many splits when the input allows, by shrinking the split size"
          + " (the local runner sets it to its number of map threads)"),
  LISTING("fruits.ingest.listing", null,
      "a file listing the images to read instead of walking the input (incremental runs set it"
          + " to the new and changed images)"),
  LISTED_FILES("fruits.ingest.listed-files", "0",
      "set during job submission: how many image files the listing found (read it, don't set it)");

  private final KeySpec spec;

  IngestKeys(String key, String defaultValue, String description) {
    this.spec = new KeySpec(key, defaultValue, description);
  }

  @Override
  public KeySpec spec() {
    return spec;
  }

  /** Largest byte array Java allocates. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** {@link #MAX_BYTES}, checked to be positive and to fit a Java array. */
  public static long maxBytes(Configuration conf) {
    long value = MAX_BYTES.getLong(conf);
    if (value <= 0 || value > MAX_ARRAY) {
      throw new InvalidConfigException(
          MAX_BYTES.key() + " must be in [1, " + MAX_ARRAY + "], got " + value);
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
