package io.fruits.pipeline.project;

import io.fruits.pipeline.embed.EmbeddingWritable;
import java.io.IOException;
import org.apache.hadoop.io.NullWritable;

/** Projects each embedding of this run onto the kept principal components. */
public class ProjectMapper extends ProjectingMapper<NullWritable, EmbeddingWritable> {

  @Override
  protected void map(NullWritable key, EmbeddingWritable embedding, Context context)
      throws IOException, InterruptedException {
    emit(context, embedding.path(), embedding.label(), embedding.size(), embedding.modified(),
        embedding.features());
  }
}
