package io.fruits.pipeline.cli;

import io.fruits.pipeline.embed.EmbedMapper;
import io.fruits.pipeline.image.RejectReason;
import io.fruits.pipeline.ingest.IngestKeys;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;

/** What the embed job did, from its counters; all zero when an incremental run had nothing new. */
record EmbedCounts(long listed, long read, long embedded, long rejected,
    Map<String, Long> rejectedByReason, int mapTasks, int reducers) {

  static final EmbedCounts NONE = new EmbedCounts(0, 0, 0, 0, Map.of(), 0, 0);

  static EmbedCounts of(Job job) throws IOException {
    Counters counters = job.getCounters();
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (RejectReason reason : RejectReason.values()) {
      long count = counters.findCounter(reason).getValue();
      if (count > 0) {
        byReason.put(reason.name(), count);
      }
    }
    EmbedCounts counts = new EmbedCounts(
        IngestKeys.LISTED_FILES.getLong(job.getConfiguration()),
        counters.findCounter(EmbedMapper.Counters.IMAGES_READ).getValue(),
        counters.findCounter(EmbedMapper.Counters.IMAGES_EMBEDDED).getValue(),
        counters.findCounter(EmbedMapper.Counters.IMAGES_REJECTED).getValue(),
        byReason,
        job.getConfiguration().getInt(MRJobConfig.NUM_MAPS, 0),
        job.getNumReduceTasks());
    if (counts.read != counts.listed || counts.read != counts.embedded + counts.rejected) {
      throw new IllegalStateException("counts disagree: " + counts.listed + " listed, "
          + counts.read + " read, " + counts.embedded + " embedded + " + counts.rejected
          + " rejected");
    }
    return counts;
  }
}
