package io.fruits.pipeline.ingest;

import java.io.IOException;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/** A recursive listing that finds each file when asked whether there is one ({@link #fetch}). */
abstract class LookaheadListing implements RemoteIterator<LocatedFileStatus> {

  private LocatedFileStatus next;

  /** Walks on to the next file; null once the walk is over. */
  abstract LocatedFileStatus fetch() throws IOException;

  @Override
  public final boolean hasNext() throws IOException {
    if (next == null) {
      next = fetch();
    }
    return next != null;
  }

  @Override
  public final LocatedFileStatus next() throws IOException {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    LocatedFileStatus file = next;
    next = null;
    return file;
  }
}
