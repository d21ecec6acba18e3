package io.fruits.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local listing walks as it is read, folder by folder in name order. */
class LocalListingTest {

  @TempDir Path root;

  @Test
  void listsDepthFirstInNameOrder() throws Exception {
    for (String file : List.of("b/2.jpg", "a/z/9.jpg", "b/1.jpg", "a/0.jpg", "c.jpg")) {
      write(file);
    }
    assertEquals(List.of("a/0.jpg", "a/z/9.jpg", "b/1.jpg", "b/2.jpg", "c.jpg"),
        relative(LocalListing.files(hadoopRoot(), 1 << 20, folder -> { }), Integer.MAX_VALUE));
  }

  /**
   * Folders are read when the walk reaches them: files removed from a later folder after the
   * first file was handed out are not listed, which a listing read whole up front would list.
   */
  @Test
  void readsEachFolderOnlyWhenTheWalkReachesIt() throws Exception {
    for (String file : List.of("a/1.jpg", "b/2.jpg", "c/3.jpg", "c/4.jpg")) {
      write(file);
    }
    RemoteIterator<LocatedFileStatus> files = LocalListing.files(hadoopRoot(), 1 << 20, f -> { });
    List<String> first = relative(files, 1);
    Files.delete(root.resolve("c/4.jpg"));
    List<String> rest = relative(files, Integer.MAX_VALUE);
    assertEquals(List.of("a/1.jpg"), first);
    assertEquals(List.of("b/2.jpg", "c/3.jpg"), rest);
  }

  private void write(String file) throws Exception {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.write(path, new byte[] {1});
  }

  private org.apache.hadoop.fs.Path hadoopRoot() {
    return new org.apache.hadoop.fs.Path(root.toUri());
  }

  private List<String> relative(RemoteIterator<LocatedFileStatus> files, int most)
      throws Exception {
    List<String> names = new ArrayList<>();
    while (names.size() < most && files.hasNext()) {
      names.add(root.relativize(Path.of(files.next().getPath().toUri())).toString());
    }
    return names;
  }
}
