package io.fruits.pipeline.incremental;

import io.fruits.pipeline.ingest.ImageListing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.bloom.BloomFilter;
import org.apache.hadoop.util.bloom.Key;
import org.apache.hadoop.util.hash.Hash;

/**
 * The images an incremental run drops, looked up by path in memory that does not grow with their
 * number, so a task can test every previous row against millions of dropped ones. A Bloom filter
 * (Hadoop's own, at most {@value #MAX_FILTER_BITS} bits) clears most kept rows at once; a path it
 * lets through is looked up in the listing itself, which {@link InputChanges} writes sorted by
 * path: an index of {@value #INDEX_BLOCKS} evenly spaced paths names the block that would hold
 * it, and one block at a time is read into memory.
 */
public final class DroppedImages {

  static final int INDEX_BLOCKS = 4096;
  private static final int MIN_BLOCK = 256;
  /** 8 MB; up to ~6.7 M dropped paths keep ~1 % false positives, more only make lookups slower. */
  private static final int MAX_FILTER_BITS = 1 << 26;
  private static final int BITS_PER_PATH = 10;
  private static final int HASHES = 7;

  private final Configuration conf;
  private final Path listing;
  private final BloomFilter filter;
  private final byte[][] firstPaths;
  private final long[] offsets;
  private final int blockSize;
  private int cachedBlock = -1;
  private byte[][] cached;

  private DroppedImages(Configuration conf, Path listing, BloomFilter filter, byte[][] firstPaths,
      long[] offsets, int blockSize) {
    this.conf = conf;
    this.listing = listing;
    this.filter = filter;
    this.firstPaths = firstPaths;
    this.offsets = offsets;
    this.blockSize = blockSize;
  }

  /**
   * Reads {@code listing} once, building the filter and the index.
   *
   * @throws IOException when the listing cannot be read or is not sorted by path
   */
  public static DroppedImages load(Configuration conf, Path listing) throws IOException {
    try (ImageListing.Reader images = ImageListing.open(conf, listing)) {
      long files = images.totals().files();
      int blockSize = (int) Math.max(MIN_BLOCK, (files + INDEX_BLOCKS - 1) / INDEX_BLOCKS);
      int blocks = (int) ((files + blockSize - 1) / blockSize);
      int bits = (int) Math.min(MAX_FILTER_BITS, Math.max(Long.SIZE, files * BITS_PER_PATH));
      BloomFilter filter = new BloomFilter(bits, HASHES, Hash.MURMUR_HASH);
      byte[][] firstPaths = new byte[blocks][];
      long[] offsets = new long[blocks];
      byte[] previous = null;
      for (long i = 0; ; i++) {
        long offset = images.position();
        if (!images.next()) {
          break;
        }
        byte[] path = utf8(images.path());
        if (previous != null && Arrays.compareUnsigned(previous, path) >= 0) {
          throw new IOException(listing + " is not sorted by path at " + images.path());
        }
        filter.add(new Key(path));
        if (i % blockSize == 0) {
          firstPaths[(int) (i / blockSize)] = path;
          offsets[(int) (i / blockSize)] = offset;
        }
        previous = path;
      }
      return new DroppedImages(conf, listing, filter, firstPaths, offsets, blockSize);
    }
  }

  /** True when {@code path} is one of the dropped images. */
  public boolean contains(String path) throws IOException {
    byte[] bytes = utf8(path);
    // The filter refuses empty keys; no listing holds an empty path.
    if (bytes.length == 0 || !filter.membershipTest(new Key(bytes))) {
      return false;
    }
    int block = Arrays.binarySearch(firstPaths, bytes, Arrays::compareUnsigned);
    if (block >= 0) {
      return true;
    }
    block = -block - 2;
    return block >= 0
        && Arrays.binarySearch(block(block), bytes, Arrays::compareUnsigned) >= 0;
  }

  private byte[][] block(int block) throws IOException {
    if (block != cachedBlock) {
      byte[][] paths = new byte[blockSize][];
      int count = 0;
      try (ImageListing.Reader images = ImageListing.open(conf, listing, offsets[block])) {
        while (count < blockSize && images.next()) {
          paths[count++] = utf8(images.path());
        }
      }
      cached = Arrays.copyOf(paths, count);
      cachedBlock = block;
    }
    return cached;
  }

  private static byte[] utf8(String path) {
    return path.getBytes(StandardCharsets.UTF_8);
  }
}
