package io.fruits.pipeline.embed;

import io.fruits.pipeline.ingest.ImageInputFormat;
import io.fruits.pipeline.ingest.ImageListing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;

/**
 * The embedding job's input: {@link ImageInputFormat}'s combined splits over the images of the
 * {@link ImageListing} files given as input paths, which the driver wrote while it listed the
 * input, so the input is walked once per run.
 */
public class EmbedInputFormat extends ImageInputFormat {

  @Override
  protected List<FileStatus> listImages(JobContext job) throws IOException {
    List<FileStatus> images = new ArrayList<>();
    for (Path listing : getInputPaths(job)) {
      images.addAll(ImageListing.read(job.getConfiguration(), listing));
    }
    return images;
  }
}
