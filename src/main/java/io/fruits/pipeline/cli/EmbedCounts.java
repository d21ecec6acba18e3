package io.fruits.pipeline.cli;

import io.fruits.pipeline.embed.EmbedMapper;
import io.fruits.pipeline.image.RejectReason;
import io.fruits.pipeline.incremental.PreviousRowMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;

/** What the embed job did, from its counters, checked against the plan. */
record EmbedCounts(long read, long embedded, long rejected, Map<String, Long> rejectedByReason,
    int mapTasks, int reducers) {

  static EmbedCounts of(Job job, RunPlan plan) throws IOException {
    Counters counters = job.getCounters();
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (RejectReason reason : RejectReason.values()) {
      long count = counters.findCounter(reason).getValue();
      if (count > 0) {
        byReason.put(reason.name(), count);
      }
    }
    EmbedCounts counts = new EmbedCounts(
        counters.findCounter(EmbedMapper.Counters.IMAGES_READ).getValue(),
        counters.findCounter(EmbedMapper.Counters.IMAGES_EMBEDDED).getValue(),
        counters.findCounter(EmbedMapper.Counters.IMAGES_REJECTED).getValue(),
        byReason,
        job.getConfiguration().getInt(MRJobConfig.NUM_MAPS, 0),
        job.getNumReduceTasks());
    long reused = counters.findCounter(PreviousRowMapper.Counters.ROWS_REUSED).getValue();
    long dropped = counters.findCounter(PreviousRowMapper.Counters.ROWS_DROPPED).getValue();
    if (counts.read != plan.toEmbed().files() || counts.read != counts.embedded + counts.rejected
        || reused != plan.mode().reused() || dropped != plan.mode().dropped()) {
      throw new IllegalStateException("counts disagree: " + plan.toEmbed().files() + " listed, "
          + counts.read + " read, " + counts.embedded + " embedded + " + counts.rejected
          + " rejected; previous rows " + reused + " reused and " + dropped + " dropped of "
          + plan.mode().reused() + " and " + plan.mode().dropped() + " planned");
    }
    return counts;
  }

  /** " of N" and the rejects by reason, for a message about too few embedded images. */
  String note(long reused) {
    return " of " + (read + reused) + (rejected > 0 ? "; rejected: " + rejectedByReason : "");
  }
}
