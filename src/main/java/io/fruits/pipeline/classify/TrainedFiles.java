package io.fruits.pipeline.classify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files the training reducer leaves in the job's output folder, and reading them back: the
 * LIBLINEAR model in its own text format, the label names in class order, and the held-out
 * confusion counts.
 */
public final class TrainedFiles {

  static final String MODEL = "model.liblinear";
  static final String LABELS = "labels.json";
  static final String HELD_OUT = "held-out.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What training produced. */
  public record Trained(LinearClassifier classifier, Confusion heldOut) {}

  private TrainedFiles() {}

  static String labelsJson(List<String> labels) throws IOException {
    return JSON.writeValueAsString(labels);
  }

  public static Trained read(Configuration conf, Path folder) throws IOException {
    FileSystem fs = folder.getFileSystem(conf);
    List<String> labels;
    try (InputStream in = fs.open(new Path(folder, LABELS))) {
      labels = JSON.readValue(in, new TypeReference<List<String>>() {});
    }
    Model model;
    try (Reader in = new InputStreamReader(fs.open(new Path(folder, MODEL)), StandardCharsets.UTF_8)) {
      model = Linear.loadModel(in);
    }
    Confusion heldOut;
    try (InputStream in = fs.open(new Path(folder, HELD_OUT))) {
      heldOut = Confusion.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return new Trained(LinearClassifier.of(model, labels), heldOut);
  }
}
