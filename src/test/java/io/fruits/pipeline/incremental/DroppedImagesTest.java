package io.fruits.pipeline.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.ingest.ImageListing;
import io.fruits.pipeline.testing.HeapUse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DroppedImagesTest {

  private final Configuration conf = new Configuration();
  @TempDir java.nio.file.Path folder;

  @Test
  void answersLikeASetOfEveryDroppedPath() throws IOException {
    List<String> dropped = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      dropped.add(path(i));
    }
    Set<String> reference = new HashSet<>(dropped);
    List<String> queries = new ArrayList<>(dropped);
    for (int i = 0; i < 20_000; i++) {
      queries.add(path(20_000 + i));
      queries.add(dropped.get(i) + "x");
      queries.add(dropped.get(i).substring(0, dropped.get(i).length() - 1));
    }
    queries.add("");
    queries.add("file:/");
    queries.add("\uffff");
    Collections.shuffle(queries, new Random(7));

    DroppedImages images = DroppedImages.load(conf, listing(sortedByBytes(dropped)));

    for (String query : queries) {
      assertEquals(reference.contains(query), images.contains(query), query);
    }
  }

  @Test
  void anEmptyListingHoldsNothing() throws IOException {
    DroppedImages images = DroppedImages.load(conf, listing(List.of()));

    assertFalse(images.contains(path(0)));
  }

  @Test
  void aListingOutOfOrderIsRefused() throws IOException {
    Path listing = listing(List.of("file:/b/1.jpg", "file:/a/2.jpg"));

    IOException refused = assertThrows(IOException.class, () -> DroppedImages.load(conf, listing));
    assertTrue(refused.getMessage().endsWith("is not sorted by path at file:/a/2.jpg"),
        refused.getMessage());
  }

  /** A set of these paths would hold ~250 MB; the filter, index and one block a few MB. */
  @Test
  void twoMillionDroppedPathsTakeAFewMegabytes() throws IOException {
    List<String> dropped = new ArrayList<>();
    for (int i = 0; i < 2_000_000; i++) {
      dropped.add(String.format("file:/photos/fruit-%03d/photo-%07d.jpg", i % 1000, i));
    }
    Path listing = listing(sortedByBytes(dropped));
    long before = HeapUse.live();

    DroppedImages images = DroppedImages.load(conf, listing);
    long used = HeapUse.live() - before;

    assertTrue(used < 16L << 20, used + " bytes");
    assertTrue(images.contains(dropped.get(1_234_567)));
    assertFalse(images.contains("file:/photos/fruit-567/photo-1234567.png"));
  }

  /** Names with spaces and characters of 2, 3 and 4 UTF-8 bytes, which order differently as UTF-16. */
  private static String path(int i) {
    String[] folders = {"apple", "pêche", "梨", "fruit 🍓", "kiwi"};
    return "file:/data/" + folders[i % folders.length] + "/photo " + i + (i % 3 == 0 ? "é" : "")
        + ".jpg";
  }

  /** The order {@link InputChanges} writes: Hadoop {@code Text} order, unsigned UTF-8 bytes. */
  private static List<String> sortedByBytes(List<String> paths) {
    List<String> sorted = new ArrayList<>(paths);
    sorted.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8)));
    return sorted;
  }

  private Path listing(List<String> paths) throws IOException {
    Path file = new Path(folder.resolve("dropped-" + paths.size() + ".listing").toUri());
    try (ImageListing.Writer out = ImageListing.create(conf, file)) {
      for (String path : paths) {
        out.add(path, 1, 2);
      }
    }
    return file;
  }
}
