package io.fruits.pipeline.ingest;

import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * The folders a listing could not read (no permission), in the order met. Their files are not in
 * the listing, so a run reports them rather than silently embedding less.
 */
public record UnreadableFolders(List<Path> folders) {

  public UnreadableFolders {
    folders = List.copyOf(folders);
  }
}
