package io.fruits.pipeline.project;

import io.fruits.pipeline.conf.CachedFile;
import io.fruits.pipeline.ingest.ImageListing;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Re-projects the rows of a previous run's output onto this run's principal components, reusing
 * their embeddings, and drops the rows of images deleted or changed since (listed in the file
 * linked as {@value #DROPPED_LINK}).
 */
public class ReprojectMapper extends ProjectingMapper<Void, FeatureRow> {

  static final String DROPPED_LINK = "dropped-images.bin";

  private final Set<String> dropped = new HashSet<>();

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    super.setup(context);
    Path listing = new Path(CachedFile.local(context, DROPPED_LINK).toUri());
    for (FileStatus image : ImageListing.read(context.getConfiguration(), listing)) {
      dropped.add(image.getPath().toString());
    }
  }

  @Override
  protected void map(Void key, FeatureRow row, Context context)
      throws IOException, InterruptedException {
    if (dropped.contains(row.path())) {
      context.getCounter(ProjectJob.Counters.ROWS_DROPPED).increment(1);
      return;
    }
    context.getCounter(ProjectJob.Counters.ROWS_REUSED).increment(1);
    emit(context, row.path(), row.label(), row.size(), row.modified(), row.features());
  }
}
