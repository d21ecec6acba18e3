package io.fruits.pipeline.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;

class SyntheticFileSystemTest {

  private static final long FILES = 10_007;
  private static final int FOLDERS = 7;

  @Test
  void listsEveryFileOnceSpreadOverTheFoldersInOrder() throws Exception {
    Path root = SyntheticFileSystem.root(FILES, FOLDERS);
    FileSystem fs = root.getFileSystem(conf());
    FileStatus[] folders = fs.listStatus(root);
    assertEquals(FOLDERS, folders.length);
    long index = 0;
    long bytes = 0;
    for (FileStatus folder : folders) {
      assertTrue(folder.isDirectory());
      FileStatus[] files = fs.listStatus(folder.getPath());
      // An even spread: 10,007 over 7 is 1,429 or 1,430 a folder.
      assertTrue(files.length == 1429 || files.length == 1430, folder + ": " + files.length);
      for (FileStatus file : files) {
        assertEquals(SyntheticFileSystem.file(root, FILES, FOLDERS, index), file.getPath());
        assertEquals(SyntheticFileSystem.length(index), file.getLen());
        assertEquals(SyntheticFileSystem.modified(index), file.getModificationTime());
        bytes += file.getLen();
        index++;
      }
    }
    assertEquals(FILES, index);
    long recursive = 0;
    long recursiveBytes = 0;
    RemoteIterator<LocatedFileStatus> all = fs.listFiles(root, true);
    while (all.hasNext()) {
      recursiveBytes += all.next().getLen();
      recursive++;
    }
    assertEquals(FILES, recursive);
    assertEquals(bytes, recursiveBytes);
  }

  @Test
  void answersStatusFromArithmeticAndRefusesWhatIsNotThere() throws Exception {
    Path root = SyntheticFileSystem.root(FILES, FOLDERS);
    FileSystem fs = root.getFileSystem(conf());
    Path last = SyntheticFileSystem.file(root, FILES, FOLDERS, FILES - 1);
    assertEquals(new Path(root, "class-0006/img-00010006.jpg"), last);
    FileStatus status = fs.getFileStatus(last);
    assertEquals(SyntheticFileSystem.length(FILES - 1), status.getLen());
    assertTrue(fs.getFileStatus(new Path(root, "class-0003")).isDirectory());
    assertThrows(FileNotFoundException.class,
        () -> fs.getFileStatus(new Path(root, "class-0006/img-00010007.jpg")));
    assertThrows(FileNotFoundException.class,
        () -> fs.getFileStatus(new Path(root, "class-0000/img-00010006.jpg")));
    assertThrows(FileNotFoundException.class, () -> fs.listStatus(new Path(root, "class-0007")));
  }

  private static Configuration conf() {
    Configuration conf = new Configuration();
    SyntheticFileSystem.install(conf);
    return conf;
  }
}
