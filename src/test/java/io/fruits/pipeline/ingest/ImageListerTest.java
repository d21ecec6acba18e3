package io.fruits.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.fruits.pipeline.testing.BadInputCorpus;
import io.fruits.pipeline.testing.DenyingLocalFileSystem;
import io.fruits.pipeline.testing.SyntheticFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.AccessControlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing problems: folders that may not be read, symbolic links, loops. */
class ImageListerTest {

  @TempDir Path temp;

  /** A folder that may not be read (as HDFS refuses it) is skipped and reported; the walk goes on. */
  @Test
  void anUnreadableFolderIsReportedAndTheRestListed() throws Exception {
    Path root = temp.resolve("photos");
    photo(root, "Kiwi/a.jpg");
    photo(root, "Lemon-" + BadInputCorpus.UNREADABLE_MARKER + "/b.jpg");
    photo(root, "Lemon-" + BadInputCorpus.UNREADABLE_MARKER + "/deeper/c.jpg");
    photo(root, "Pear/d.jpg");
    photo(root, "Pear/ripe-" + BadInputCorpus.UNREADABLE_MARKER + "/e.jpg");
    Configuration conf = new Configuration();
    DenyingLocalFileSystem.install(conf);

    List<String> listed = new ArrayList<>();
    UnreadableFolders unreadable = walk(conf, root, listed);

    // Listed folder by folder, in the file system's order (HDFS sorts, the local one does not).
    assertEquals(List.of("Kiwi/a.jpg", "Pear/d.jpg"), listed.stream().sorted().toList());
    assertEquals(2, unreadable.folders().size());
    assertEquals(List.of("Lemon-unreadable", "Pear/ripe-unreadable"),
        unreadable.folders().stream().map(f -> relative(root, f)).sorted().toList());
  }

  @Test
  void anUnreadableInputRootIsAnError() throws Exception {
    Path root = temp.resolve("all-" + BadInputCorpus.UNREADABLE_MARKER);
    photo(root, "Kiwi/a.jpg");
    Configuration conf = new Configuration();
    DenyingLocalFileSystem.install(conf);
    assertThrows(AccessControlException.class, () -> walk(conf, root, new ArrayList<>()));
  }

  /** The same with real file modes, where they apply (not as root, who may read anything). */
  @Test
  void aLocalFolderWithoutPermissionIsReported() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "file modes do not stop root");
    Path root = temp.resolve("photos");
    photo(root, "Kiwi/a.jpg");
    Path closed = photo(root, "Lemon/b.jpg").getParent();
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
    try {
      List<String> listed = new ArrayList<>();
      UnreadableFolders unreadable = walk(new Configuration(), root, listed);
      assertEquals(List.of("Kiwi/a.jpg"), listed);
      assertEquals(List.of("Lemon"), unreadable.folders().stream().map(f -> relative(root, f)).toList());
    } finally {
      Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** An input folder that is a link is listed under the link's path, so labels and paths are the user's. */
  @Test
  void aSymlinkedInputFolderIsFollowed() throws Exception {
    Path real = temp.resolve("store/fruits");
    photo(real, "Kiwi/a.jpg");
    photo(real, "Lemon/b.jpg");
    Path input = Files.createSymbolicLink(temp.resolve("input"), real);

    List<String> listed = new ArrayList<>();
    UnreadableFolders unreadable = walk(new Configuration(), input, listed);

    assertEquals(List.of("Kiwi/a.jpg", "Lemon/b.jpg"), listed);
    assertEquals(0, unreadable.folders().size());
    ImageFile image = new ImageFile();
    image.reset(input.resolve("Lemon/b.jpg").toUri().toString(), 1, 0);
    assertEquals("Lemon", image.label());
  }

  /** Class folders that are links are followed; a link back to an ancestor is not walked again. */
  @Test
  void symlinkedClassFoldersAreFollowedAndLoopsListedOnce() throws Exception {
    Path root = temp.resolve("photos");
    photo(root, "Kiwi/a.jpg");
    Path lemons = temp.resolve("elsewhere/lemons");
    photo(lemons, "b.jpg");
    Files.createSymbolicLink(root.resolve("Lemon"), lemons);
    Files.createSymbolicLink(root.resolve("Kiwi/again"), root);

    List<String> listed = new ArrayList<>();
    UnreadableFolders unreadable = walk(new Configuration(), root, listed);

    assertEquals(List.of("Kiwi/a.jpg", "Lemon/b.jpg"), listed);
    assertEquals(0, unreadable.folders().size());
  }

  /**
   * Names starting with _ or . at any depth, and other extensions, are left out alike by the local
   * listing and by threads listing a file system with folder permissions; a hidden top-level
   * folder is not even listed by the threads, so one they may not read is not reported.
   */
  @Test
  void hiddenNamesAndOtherExtensionsAreLeftOutByEveryListing() throws Exception {
    Path root = temp.resolve("photos");
    for (String file : List.of("top.jpg", "_top.jpg", "Kiwi/a.jpg", "Kiwi/.b.jpg", "Kiwi/_c.jpg",
        "Kiwi/notes.txt", "_tmp/d.jpg", ".git/e.jpg", "Pear/.cache/f.jpg", "Pear/g.JPG",
        "_hidden-" + BadInputCorpus.UNREADABLE_MARKER + "/h.jpg")) {
      photo(root, file);
    }
    List<String> expected = List.of("Kiwi/a.jpg", "Pear/g.JPG", "top.jpg");

    List<String> local = new ArrayList<>();
    assertEquals(0, walk(new Configuration(), root, local).folders().size());
    assertEquals(expected, local.stream().sorted().toList());

    Configuration threads = new Configuration();
    DenyingLocalFileSystem.install(threads);
    threads.setInt(IngestKeys.LISTING_THREADS.key(), 4);
    List<String> parallel = new ArrayList<>();
    assertEquals(0, walk(threads, root, parallel).folders().size());
    assertEquals(expected, parallel.stream().sorted().toList());
  }

  /**
   * Top-level folders listed by many threads come out in the same order as one walk gives, each
   * file once, with the length and time the file system reports.
   */
  @Test
  void parallelListingGivesTheSequentialOrder() throws Exception {
    long files = 20_011;
    int folders = 37;
    org.apache.hadoop.fs.Path root = SyntheticFileSystem.root(files, folders);
    List<String> sequential = listSynthetic(root, 1);
    List<String> parallel = listSynthetic(root, 8);
    assertEquals(files, sequential.size());
    assertEquals(sequential, parallel);
    List<String> expected = new ArrayList<>();
    for (long i = 0; i < files; i++) {
      expected.add(SyntheticFileSystem.file(root, files, folders, i) + " "
          + SyntheticFileSystem.length(i) + " " + SyntheticFileSystem.modified(i));
    }
    assertEquals(expected, parallel);
  }

  /**
   * With a round trip per listing call, as on an object store, the threads' calls overlap; one
   * thread makes one call at a time. (Times are for the benchmark: this machine is shared.) Each
   * call takes 200 ms, so a thread started late on a busy machine still overlaps the others: with
   * 50 ms, one CI run saw only 6 of 8 calls at once.
   */
  @Test
  void parallelListingOverlapsListingCalls() throws Exception {
    org.apache.hadoop.fs.Path root = SyntheticFileSystem.root(1_600, 16);
    Configuration conf = new Configuration();
    conf.setLong(SyntheticFileSystem.LATENCY_KEY, 200);
    SyntheticFileSystem.resetMostListsRunning();
    listSynthetic(conf, root, 1);
    assertEquals(1, SyntheticFileSystem.mostListsRunning());
    SyntheticFileSystem.resetMostListsRunning();
    listSynthetic(conf, root, 8);
    assertEquals(8, SyntheticFileSystem.mostListsRunning());
  }

  private static List<String> listSynthetic(org.apache.hadoop.fs.Path root, int threads)
      throws IOException {
    return listSynthetic(new Configuration(), root, threads);
  }

  private static List<String> listSynthetic(Configuration conf, org.apache.hadoop.fs.Path root,
      int threads) throws IOException {
    SyntheticFileSystem.install(conf);
    conf.setInt(IngestKeys.LISTING_THREADS.key(), threads);
    List<String> listed = new ArrayList<>();
    new ImageLister(conf).walk(root, image -> {
      listed.add(image.getPath() + " " + image.getLen() + " " + image.getModificationTime());
      return true;
    });
    return listed;
  }

  private static UnreadableFolders walk(Configuration conf, Path root, List<String> listed) throws IOException {
    return new ImageLister(conf).walk(new org.apache.hadoop.fs.Path(root.toString()), image -> {
      listed.add(relative(root, image.getPath()));
      return true;
    });
  }

  private static String relative(Path root, org.apache.hadoop.fs.Path path) {
    return root.toUri().relativize(path.toUri()).getPath().replaceAll("/$", "");
  }

  private static Path photo(Path root, String relative) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.write(file, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
  }
}
