package io.fruits.pipeline.classify;

import io.fruits.pipeline.embed.EmbedMapper;
import io.fruits.pipeline.output.PredictionRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;

/**
 * Classifies images with the exported classifier: the embedding mapper's reading, decoding,
 * batching and rejects, with the classifier's probabilities as the model's output. Writes a
 * prediction row per image (named output {@value #PREDICTIONS}) and, at the end, the task's
 * (folder label, predicted label) counts ({@value #CONFUSION}).
 */
public class ClassifyMapper extends EmbedMapper {

  public static final String PREDICTIONS = "predictions";
  public static final String CONFUSION = "confusion";
  private static final int TOP = 3;

  private List<String> labels;
  private final Confusion confusion = new Confusion();

  @Override
  protected void setup(Context context) throws IOException {
    // Read first: once super.setup holds the model, a failure here would leave it held.
    labels = ClassifyKeys.labels(context.getConfiguration());
    super.setup(context);
  }

  @Override
  protected void emit(Context context, int n, float[] outputs)
      throws IOException, InterruptedException {
    int classes = labels.size();
    for (int i = 0; i < n; i++) {
      int[] top = top(outputs, i * classes, classes);
      List<String> names = new ArrayList<>(top.length);
      float[] probabilities = new float[top.length];
      for (int t = 0; t < top.length; t++) {
        names.add(labels.get(top[t]));
        probabilities[t] = outputs[i * classes + top[t]];
      }
      namedOutputs().write(PREDICTIONS, null, new PredictionRow(path(i), label(i), names.get(0),
          probabilities[0], names, probabilities), PREDICTIONS + "/part");
      confusion.add(label(i), names.get(0), 1);
    }
  }

  @Override
  protected void finish(Context context) throws IOException, InterruptedException {
    namedOutputs().write(CONFUSION, NullWritable.get(), new Text(confusion.toJson()),
        CONFUSION + "/part");
  }

  /** The indices of the {@value #TOP} largest of {@code values[offset, offset + n)}, largest first. */
  static int[] top(float[] values, int offset, int n) {
    int[] top = new int[Math.min(TOP, n)];
    boolean[] taken = new boolean[n];
    for (int t = 0; t < top.length; t++) {
      int best = -1;
      for (int c = 0; c < n; c++) {
        if (!taken[c] && (best < 0 || values[offset + c] > values[offset + best])) {
          best = c;
        }
      }
      taken[best] = true;
      top[t] = best;
    }
    return top;
  }
}
