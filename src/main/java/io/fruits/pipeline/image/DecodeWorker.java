package io.fruits.pipeline.image;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each decode on a thread of its own and waits for it at most the decode timeout, so that
 * nothing one file provokes in a decoder can stop the task: it becomes a reject.
 *
 * <ul>
 *   <li>{@link ImageRejectedException}: passed on;
 *   <li>a {@link RuntimeException} (readers throw anything on broken data, JavaCPP turns OpenCV's
 *       {@code cv::Exception} into one) or a {@link StackOverflowError}: CORRUPT;
 *   <li>an {@link OutOfMemoryError}: TOO_LARGE. The header checks exist so that this does not
 *       happen; it is the last line, and only works if the JVM is not told to exit on it ({@code
 *       -XX:+ExitOnOutOfMemoryError}). A failed allocation leaves nothing behind;
 *   <li>any other {@link Error} (a native library that cannot load, an internal error) is not the
 *       file's doing: it is thrown, and Hadoop retries the task;
 *   <li>a decode still running after the timeout is <b>abandoned</b>: the file is TIMED_OUT, the
 *       thread is interrupted (ImageIO stops at its next check; native code such as libjpeg cannot
 *       be interrupted and runs to its end) and left to finish on its own, and later files go to
 *       a new thread with a new set of decoders. The abandoned thread keeps its decoders (and the
 *       memory of that one image, bounded by the pixel limit) until its decode ends, then closes
 *       them; it is a daemon thread, so it never keeps the JVM alive.
 * </ul>
 *
 * One thread hand-off per image costs a few microseconds. Not thread-safe: one per task.
 *
 * @param <S> the decoders a decode uses; they belong to one thread at a time
 */
final class DecodeWorker<S extends AutoCloseable> implements AutoCloseable {

  /** One decode, run on the worker thread with the worker's decoders. */
  interface Decode<S, T> {
    T run(S decoders) throws ImageRejectedException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(DecodeWorker.class);
  private static final AtomicInteger THREADS = new AtomicInteger();
  /** Abandoned decodes of this JVM still running, for the warning. */
  private static final AtomicInteger STILL_RUNNING = new AtomicInteger();

  private final Supplier<S> factory;
  private final Duration timeout;
  private S decoders;
  private ExecutorService thread;

  /**
   * @param factory makes a fresh set of decoders, at start and after each abandoned decode
   * @param timeout how long one decode may run, see {@link ImageKeys#DECODE_TIMEOUT}
   */
  DecodeWorker(Supplier<S> factory, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.factory = factory;
    this.timeout = timeout;
    start();
  }

  /**
   * Runs {@code decode} on the worker thread and returns its result.
   *
   * @throws ImageRejectedException the decode's own rejects, CORRUPT or TOO_LARGE for what it
   *     threw (see the class comment), TIMED_OUT when it was abandoned
   * @throws InterruptedException if this thread is interrupted while waiting; the decode is then
   *     abandoned too
   */
  <T> T run(Decode<S, T> decode) throws ImageRejectedException, InterruptedException {
    S current = decoders;
    Future<T> result = thread.submit(() -> decode.run(current));
    try {
      return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      abandon(result);
      throw new ImageRejectedException(RejectReason.TIMED_OUT, "decoding took longer than "
          + timeout.toMillis() + " ms (" + ImageKeys.DECODE_TIMEOUT.key() + "); abandoned");
    } catch (InterruptedException e) {
      abandon(result);
      throw e;
    } catch (ExecutionException e) {
      throw rejectFor(e.getCause());
    }
  }

  private static ImageRejectedException rejectFor(Throwable cause) {
    if (cause instanceof ImageRejectedException rejected) {
      return rejected;
    } else if (cause instanceof RuntimeException || cause instanceof StackOverflowError) {
      return ImageRejectedException.caused(RejectReason.CORRUPT, "decoding", cause);
    } else if (cause instanceof OutOfMemoryError) {
      return ImageRejectedException.caused(RejectReason.TOO_LARGE,
          "decoding needs more memory than the task has", cause);
    } else if (cause instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException("a decode threw " + cause, cause);
  }

  /** The decoders the next decode will use; read them only between decodes. */
  S decoders() {
    return decoders;
  }

  /** Leaves the running decode to its thread, which closes its decoders after it; starts anew. */
  private void abandon(Future<?> running) {
    running.cancel(true);
    int stillRunning = STILL_RUNNING.incrementAndGet();
    S old = decoders;
    thread.execute(() -> {
      closeQuietly(old);
      STILL_RUNNING.decrementAndGet();
    });
    thread.shutdown();
    LOG.warn("abandoned a decode after {} ms; abandoned decodes still running in this JVM: {}",
        timeout.toMillis(), stillRunning);
    start();
  }

  private void start() {
    decoders = factory.get();
    thread = Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, "image-decode-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      LOG.warn("could not close a decode worker's decoders", e);
    }
  }

  /**
   * Closes the current decoders (no decode uses them: {@link #run} has returned) and ends the
   * thread. Abandoned decodes close their own when they end.
   */
  @Override
  public void close() {
    thread.shutdown();
    closeQuietly(decoders);
  }
}
