package io.fruits.pipeline.embed;

import io.fruits.pipeline.ingest.ImageInputFormat;
import io.fruits.pipeline.pca.PcaKeys;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.MRJobConfig;

/**
 * The embedding job's input: {@link ImageInputFormat}, plus the choice of how many covariance
 * reducers to run once the number of map tasks is known. Hadoop computes splits during job
 * submission and writes the job configuration after that, so setting the reduce count here
 * takes effect without listing the input a second time.
 */
public class EmbedInputFormat extends ImageInputFormat {

  @Override
  public List<InputSplit> getSplits(JobContext job) throws IOException {
    List<InputSplit> splits = super.getSplits(job);
    job.getConfiguration().setInt(MRJobConfig.NUM_REDUCES,
        PcaKeys.reducersFor(job.getConfiguration(), splits.size()));
    return splits;
  }
}
