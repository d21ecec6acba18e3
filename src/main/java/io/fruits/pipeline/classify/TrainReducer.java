package io.fruits.pipeline.classify;

import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * The single reducer: merges the tasks' samples into each label's final sample, splits it into
 * training and held-out rows by the seeded split, trains LIBLINEAR on the training rows and
 * writes the model, the labels and the held-out confusion counts ({@link TrainedFiles}).
 */
public class TrainReducer extends Reducer<Text, LabelledPoint, NullWritable, NullWritable> {

  public enum Counters { LABELS, ROWS_TRAINED, ROWS_HELD_OUT, TRAIN_MS }

  private final Map<String, List<LabelledPoint>> samples = new TreeMap<>();
  private int perClass;

  @Override
  protected void setup(Context context) {
    perClass = ClassifyKeys.perClass(context.getConfiguration());
  }

  @Override
  protected void reduce(Text label, Iterable<LabelledPoint> points, Context context) {
    BottomK sample = new BottomK(perClass);
    for (LabelledPoint point : points) {
      sample.offer(point);
    }
    samples.put(label.toString(), sample.points());
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    context.getCounter(Counters.LABELS).increment(samples.size());
    if (samples.size() < 2) {
      return;
    }
    long seed = ClassifyKeys.SEED.getLong(context.getConfiguration());
    double heldOutShare = ClassifyKeys.heldOut(context.getConfiguration());
    List<String> labels = new ArrayList<>(samples.keySet());
    List<float[]> train = new ArrayList<>();
    List<Integer> trainClasses = new ArrayList<>();
    List<float[]> heldOut = new ArrayList<>();
    List<Integer> heldOutClasses = new ArrayList<>();
    for (int c = 0; c < labels.size(); c++) {
      List<LabelledPoint> points = samples.get(labels.get(c));
      for (int i = 0; i < points.size(); i++) {
        LabelledPoint point = points.get(i);
        // A label's lowest-ranked row always trains, so no label is left without training rows.
        boolean held = i > 0 && SampleRank.heldOut(seed, point.path(), heldOutShare);
        (held ? heldOut : train).add(point.pca());
        (held ? heldOutClasses : trainClasses).add(c);
      }
    }
    long start = System.nanoTime();
    Model model = new LinearTrainer(ClassifyKeys.cost(context.getConfiguration()))
        .train(train, trainClasses.stream().mapToInt(Integer::intValue).toArray());
    context.getCounter(Counters.TRAIN_MS).increment((System.nanoTime() - start) / 1_000_000);
    context.getCounter(Counters.ROWS_TRAINED).increment(train.size());
    context.getCounter(Counters.ROWS_HELD_OUT).increment(heldOut.size());

    Confusion confusion = new Confusion();
    for (int i = 0; i < heldOut.size(); i++) {
      int predicted = (int) Linear.predict(model, LinearTrainer.features(heldOut.get(i)));
      confusion.add(labels.get(heldOutClasses.get(i)), labels.get(predicted), 1);
    }
    write(context, model, labels, confusion);
  }

  private static void write(Context context, Model model, List<String> labels,
      Confusion confusion) throws IOException, InterruptedException {
    Path folder = FileOutputFormat.getWorkOutputPath(context);
    FileSystem fs = folder.getFileSystem(context.getConfiguration());
    try (Writer out = new OutputStreamWriter(
        fs.create(new Path(folder, TrainedFiles.MODEL), false), StandardCharsets.UTF_8)) {
      Linear.saveModel(out, model);
    }
    try (OutputStream out = fs.create(new Path(folder, TrainedFiles.LABELS), false)) {
      out.write(TrainedFiles.labelsJson(labels).getBytes(StandardCharsets.UTF_8));
    }
    try (OutputStream out = fs.create(new Path(folder, TrainedFiles.HELD_OUT), false)) {
      out.write(confusion.toJson().getBytes(StandardCharsets.UTF_8));
    }
  }
}
