package io.fruits.pipeline.ingest;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;

/**
 * A combined split that also carries each file's modification time from the listing, so tasks
 * can record it with the image (incremental runs recognise unchanged files by path, size and
 * time) without asking the file system for it again, one request per file on object stores.
 */
public class ImageSplit extends CombineFileSplit {

  private long[] modificationTimes;

  /** For Hadoop's deserialisation. */
  public ImageSplit() {
    this.modificationTimes = new long[0];
  }

  ImageSplit(CombineFileSplit split, long[] modificationTimes) throws IOException {
    super(split.getPaths(), split.getStartOffsets(), split.getLengths(), split.getLocations());
    if (modificationTimes.length != split.getNumPaths()) {
      throw new IllegalArgumentException(modificationTimes.length + " modification times for "
          + split.getNumPaths() + " files");
    }
    this.modificationTimes = modificationTimes;
  }

  /** Milliseconds since the epoch, as the listing reported it. */
  public long getModificationTime(int index) {
    return modificationTimes[index];
  }

  @Override
  public void write(DataOutput out) throws IOException {
    super.write(out);
    for (long time : modificationTimes) {
      out.writeLong(time);
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    super.readFields(in);
    modificationTimes = new long[getNumPaths()];
    for (int i = 0; i < modificationTimes.length; i++) {
      modificationTimes[i] = in.readLong();
    }
  }
}
