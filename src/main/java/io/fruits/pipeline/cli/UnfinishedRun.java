package io.fruits.pipeline.cli;

import io.fruits.pipeline.output.OutputLayout;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.MultipartUploader;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of a run that has not finished, and what a failure or a stop removes from it: all of
 * it, so nothing is mistaken for a result; but once the embed job has committed, everything except
 * {@code _work}, whose embeddings and sums {@code --resume} goes on from. Multipart uploads still
 * pending under the folder (an S3 task killed while writing) are aborted, so they neither cost
 * storage nor complete later. Only the run's own folder is touched: the planner has checked that
 * it lies apart from everything the run reads.
 */
final class UnfinishedRun {

  private static final Logger LOG = LoggerFactory.getLogger(UnfinishedRun.class);

  private final Configuration conf;
  private final OutputLayout layout;
  private volatile boolean embeddingsCommitted;

  UnfinishedRun(Configuration conf, OutputLayout layout) {
    this.conf = conf;
    this.layout = layout;
  }

  /** From now on the embeddings under {@code _work} are kept for --resume. */
  void embeddingsCommitted() {
    embeddingsCommitted = true;
  }

  /** What is left of the run, in a sentence for the user. */
  String whatIsLeft() {
    return embeddingsCommitted
        ? layout.root() + " keeps only the committed embeddings (_work); add --resume to the same"
            + " command to go on from them, or use --overwrite to start again"
        : layout.root() + " is removed, so nothing of this run is left to be mistaken for a result";
  }

  /** Removes what the run wrote, except the committed embeddings, and aborts pending uploads. */
  void discard() throws IOException {
    Path root = layout.root();
    FileSystem fs = root.getFileSystem(conf);
    // A stop and the failing driver may both get here, so the root may be gone already.
    if (!embeddingsCommitted) {
      fs.delete(root, true);
    } else if (fs.exists(root)) {
      Path work = fs.makeQualified(layout.work());
      for (FileStatus child : fs.listStatus(root)) {
        if (!fs.makeQualified(child.getPath()).equals(work)) {
          fs.delete(child.getPath(), true);
        }
      }
    }
    abortPendingUploads(fs, root);
  }

  private void abortPendingUploads(FileSystem fs, Path root) throws IOException {
    if (!fs.hasPathCapability(root, CommonPathCapabilities.FS_MULTIPART_UPLOADER)) {
      return;
    }
    try (MultipartUploader uploader = fs.createMultipartUploader(root).build()) {
      int aborted = uploader.abortUploadsUnderPath(root).get(1, TimeUnit.MINUTES);
      if (aborted > 0) {
        LOG.info("Aborted {} pending multipart uploads under {}", aborted, root);
      }
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("could not abort the pending multipart uploads under {}; a bucket lifecycle rule"
          + " removes them later", root, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
