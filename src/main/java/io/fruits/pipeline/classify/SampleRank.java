package io.fruits.pipeline.classify;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A row's place in the seeded sample, from its path and the seed only: the same rows are sampled
 * and held out however the rows are split among tasks, and in whatever order they arrive.
 */
public final class SampleRank {

  private SampleRank() {}

  /** The row's rank; each label's sample is its rows of lowest rank. */
  public static long rank(long seed, String path) {
    return new SplittableRandom(seed ^ pathHash(path)).nextLong();
  }

  /** Whether the row is held out of training, for a held-out share {@code fraction}. */
  public static boolean heldOut(long seed, String path, double fraction) {
    SplittableRandom random = new SplittableRandom(seed ^ pathHash(path));
    random.nextLong();
    return random.nextDouble() < fraction;
  }

  /** FNV-1a over the UTF-8 bytes: 64 bits, unlike String.hashCode, so paths rarely collide. */
  private static long pathHash(String path) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return hash;
  }
}
