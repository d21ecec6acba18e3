package io.fruits.pipeline.ingest;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputSplit;

/**
 * A map task's share of the images: a byte range of an {@link ImageListing}, from one record's
 * offset to another's. It carries the number of images and their bytes, not their paths, so a
 * split is the same few bytes however many images it covers, and the task reads the paths,
 * lengths and modification times from the listing itself.
 */
public class ListingSplit extends InputSplit implements Writable {

  private static final String[] NO_HOSTS = new String[0];

  private Path listing;
  private long start;
  private long end;
  private long files;
  private long bytes;

  /** For Hadoop's deserialisation. */
  public ListingSplit() {}

  ListingSplit(Path listing, long start, long end, long files, long bytes) {
    this.listing = listing;
    this.start = start;
    this.end = end;
    this.files = files;
    this.bytes = bytes;
  }

  public Path listing() {
    return listing;
  }

  /** The offset of the split's first record in the listing. */
  public long start() {
    return start;
  }

  /** The offset just past its last record. */
  public long end() {
    return end;
  }

  /** The number of images in the split. */
  public long files() {
    return files;
  }

  /** Their total length, by which Hadoop orders and sizes tasks. */
  @Override
  public long getLength() {
    return bytes;
  }

  /** None: the images of a split lie wherever their files are, usually an object store. */
  @Override
  public String[] getLocations() {
    return NO_HOSTS;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    Text.writeString(out, listing.toString());
    out.writeLong(start);
    out.writeLong(end);
    out.writeLong(files);
    out.writeLong(bytes);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    listing = new Path(Text.readString(in));
    start = in.readLong();
    end = in.readLong();
    files = in.readLong();
    bytes = in.readLong();
  }

  @Override
  public String toString() {
    return listing + ":" + start + "-" + end + " (" + files + " images, " + bytes + " bytes)";
  }
}
