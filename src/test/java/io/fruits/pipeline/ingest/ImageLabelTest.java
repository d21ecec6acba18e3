package io.fruits.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImageLabelTest {

  @Test
  void theLabelIsTheParentFolderName() {
    assertEquals("Apple Golden 2", ImageLabel.of("s3a://bucket/Test/Apple Golden 2/r_19_100.jpg"));
    assertEquals("Banana", ImageLabel.of("file:/data/fruits/Banana/1_100.jpg"));
    assertEquals("Banana", ImageLabel.of("hdfs://nn:8020/Banana/1_100.jpg"));
    assertEquals("bucket", ImageLabel.of("s3://bucket/1_100.jpg"));
  }

  @Test
  void aFileWithoutAParentFolderHasAnEmptyLabel() {
    assertEquals("", ImageLabel.of("file:/x.jpg"));
    assertEquals("", ImageLabel.of("x.jpg"));
  }
}
