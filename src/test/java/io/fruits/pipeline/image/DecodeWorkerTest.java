package io.fruits.pipeline.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link DecodeWorker} makes of each way a decode can end: real errors provoked the way a
 * hostile file provokes them, and a decode that ignores interruption like native code.
 */
class DecodeWorkerTest {

  /** Stands for a set of decoders: which thread used it, and whether it was closed. */
  private static final class Probe implements AutoCloseable {
    final CountDownLatch closed = new CountDownLatch(1);
    volatile Thread usedBy;

    @Override
    public void close() {
      closed.countDown();
    }
  }

  private final List<Probe> made = new ArrayList<>();
  /** Long enough for a busy machine's garbage collections: only the timeout test waits it out. */
  private final DecodeWorker<Probe> worker = new DecodeWorker<>(this::probe, Duration.ofSeconds(20));

  @AfterEach
  void close() {
    worker.close();
  }

  @Test
  void aDecodeRunsOnTheWorkerThreadAndReturnsItsResult() throws Exception {
    assertEquals("ok", worker.run(probe -> {
      probe.usedBy = Thread.currentThread();
      return "ok";
    }));
    assertNotEquals(Thread.currentThread(), made.get(0).usedBy);
    assertTrue(made.get(0).usedBy.isDaemon());
  }

  @Test
  void rejectsArePassedOn() {
    ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> worker.run(
        probe -> {
          throw new ImageRejectedException(RejectReason.NOT_AN_IMAGE, "text");
        }));
    assertEquals(RejectReason.NOT_AN_IMAGE, e.reason());
  }

  /** An array over the VM's limit fails at once, without a garbage collection first. */
  @Test
  void anAllocationTheHeapCannotHoldIsTooLarge() {
    ImageRejectedException e = assertThrows(ImageRejectedException.class,
        () -> worker.run(probe -> new long[Integer.MAX_VALUE].length));
    assertEquals(RejectReason.TOO_LARGE, e.reason());
    assertTrue(e.detail().contains("OutOfMemoryError"), e.detail());
  }

  @Test
  void runtimeExceptionsAndStackOverflowsAreCorrupt() {
    ImageRejectedException negative = assertThrows(ImageRejectedException.class,
        () -> worker.run(probe -> new byte[signed(0x80000010)].length));
    assertEquals(RejectReason.CORRUPT, negative.reason());
    assertTrue(negative.detail().contains("NegativeArraySizeException"), negative.detail());
    ImageRejectedException deep = assertThrows(ImageRejectedException.class,
        () -> worker.run(probe -> depth(0)));
    assertEquals(RejectReason.CORRUPT, deep.reason());
    assertTrue(deep.detail().contains("StackOverflowError"), deep.detail());
  }

  @Test
  void errorsThatAreNotTheFilesDoingAreThrown() {
    assertThrows(UnsatisfiedLinkError.class, () -> worker.run(probe -> {
      throw new UnsatisfiedLinkError("no libopencv_imgcodecs for this machine");
    }));
  }

  /**
   * A decode that ignores interrupts (as native code does) is abandoned after the timeout; the
   * next decode runs on a new thread with new decoders, and the old ones are closed only once the
   * abandoned decode has ended.
   */
  @Test
  void aDecodeOverTheTimeoutIsAbandonedAndTheNextRunsAfresh() throws Exception {
    made.clear();
    DecodeWorker<Probe> hurried = new DecodeWorker<>(this::probe, Duration.ofMillis(200));
    CountDownLatch release = new CountDownLatch(1);
    long start = System.nanoTime();
    ImageRejectedException e = assertThrows(ImageRejectedException.class,
        () -> hurried.run(probe -> {
          probe.usedBy = Thread.currentThread();
          ignoringInterrupts(release);
          return 0;
        }));
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(RejectReason.TIMED_OUT, e.reason());
    assertTrue(e.detail().contains("200 ms (fruits.image.decode-timeout)"), e.detail());
    assertTrue(waited >= 200 && waited < 5_000, waited + " ms");

    assertEquals("next", hurried.run(probe -> {
      probe.usedBy = Thread.currentThread();
      return "next";
    }));
    assertEquals(2, made.size());
    assertNotEquals(made.get(0).usedBy, made.get(1).usedBy);
    assertFalse(made.get(0).closed.await(100, TimeUnit.MILLISECONDS), "closed while in use");
    release.countDown();
    assertTrue(made.get(0).closed.await(5, TimeUnit.SECONDS), "never closed");
    hurried.close();
    assertTrue(made.get(1).closed.await(0, TimeUnit.SECONDS), "close() closes the current ones");
  }

  @Test
  void aNonPositiveTimeoutIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new DecodeWorker<>(Probe::new, Duration.ZERO));
  }

  private Probe probe() {
    Probe probe = new Probe();
    made.add(probe);
    return probe;
  }

  private static int depth(int n) {
    return depth(n + 1) + 1;
  }

  /** Waits for the latch as native code would run: an interrupt does not end it. */
  private static void ignoringInterrupts(CountDownLatch latch) {
    while (latch.getCount() > 0) {
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** A 32-bit header field read as a Java int, as a careless reader does. */
  private static int signed(long field) {
    return (int) field;
  }
}
