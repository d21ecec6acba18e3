package io.fruits.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a run's embed job committed, saved next to its output in {@code _work} as soon as the job
 * succeeds: the identity it ran under, its counts and its stage times. A later {@code --resume}
 * reads it to go on from those embeddings instead of computing them again.
 */
record EmbedRecord(RunIdentity identity, EmbedCounts counts, Map<String, Double> stageSeconds,
    Map<String, Double> taskSeconds) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  void save(Configuration conf, Path file) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    try (OutputStream out = fs.create(file, false)) {
      JSON.writeValue(out, this);
    }
  }

  static boolean exists(Configuration conf, Path file) throws IOException {
    return file.getFileSystem(conf).exists(file);
  }

  static EmbedRecord load(Configuration conf, Path file) throws IOException {
    try (InputStream in = file.getFileSystem(conf).open(file)) {
      return JSON.readValue(in, EmbedRecord.class);
    }
  }
}
