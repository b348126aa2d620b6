package io.nootropic.inference.internal.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/// A fixed pool of worker threads that splits a range of indices (rows, heads) between itself and
/// the calling thread.
///
/// Made for the decode loop: one dispatch costs no allocation (the caller passes a reusable
/// [RangeTask]), idle workers spin briefly and then park, and chunks are handed out dynamically so
/// a core stolen by another process does not stall the whole step. Dispatches from several threads
/// are serialised. Workers are daemon threads named `nootropic-kernel-N`.
public final class Parallel implements AutoCloseable {

  /// Work over a sub-range of indices, run by one worker at a time.
  public interface RangeTask {
    /// Processes indices `[from, to)` on the worker numbered `worker` (0 = the calling thread).
    void run(int from, int to, int worker);
  }

  private static final int SPINS = 20_000;

  private final int threads;
  private final Thread[] workers;
  private final ReentrantLock dispatchLock = new ReentrantLock();
  private final AtomicInteger nextIndex = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private volatile long generation;
  private volatile boolean closed;
  private volatile Thread caller;
  private RangeTask task;
  private int size;
  private int chunk;
  private volatile Throwable failure;

  /// Creates a pool of `threads` threads in total (the caller counts as one).
  public Parallel(int threads) {
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("threads must be in [1, 1024]: " + threads);
    }
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    for (int i = 0; i < workers.length; i++) {
      int id = i + 1;
      Thread t = new Thread(() -> workerLoop(id), "nootropic-kernel-" + id);
      t.setDaemon(true);
      workers[i] = t;
      t.start();
    }
  }

  /// Number of threads (including the caller) that share a range.
  public int threads() {
    return threads;
  }

  /// Runs `task` over `[0, size)` split in chunks of at least `grain` indices; returns when all are done.
  public void parallelFor(int size, int grain, RangeTask task) {
    if (size <= 0) {
      return;
    }
    if (threads == 1 || size <= grain || closed) {
      task.run(0, size, 0);
      return;
    }
    dispatchLock.lock();
    try {
      this.task = task;
      this.size = size;
      this.chunk = Math.max(grain, (size + threads * 4 - 1) / (threads * 4));
      this.failure = null;
      this.caller = Thread.currentThread();
      nextIndex.set(0);
      running.set(workers.length);
      generation = generation + 1;            // volatile write publishes the fields above
      for (Thread w : workers) {
        LockSupport.unpark(w);
      }
      try {
        work(0);
      } catch (RuntimeException | Error t) {
        failure = t;
        nextIndex.set(Integer.MAX_VALUE / 2);
      }
      int spins = 0;
      while (running.get() != 0) {
        if (++spins < SPINS) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(this, 50_000L);
        }
      }
      this.task = null;
      Throwable t = failure;
      if (t != null) {
        if (t instanceof RuntimeException re) {
          throw re;
        }
        if (t instanceof Error e) {
          throw e;
        }
        throw new IllegalStateException(t);
      }
    } finally {
      dispatchLock.unlock();
    }
  }

  private void work(int worker) {
    RangeTask t = task;
    int n = size;
    int c = chunk;
    for (int from = nextIndex.getAndAdd(c); from < n; from = nextIndex.getAndAdd(c)) {
      t.run(from, Math.min(n, from + c), worker);
    }
  }

  private void workerLoop(int id) {
    long seen = 0;
    while (true) {
      int spins = 0;
      while (generation == seen && !closed) {
        if (++spins < SPINS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      if (closed) {
        return;
      }
      seen = generation;
      try {
        work(id);
      } catch (Throwable t) {
        failure = t;
        nextIndex.set(Integer.MAX_VALUE / 2);  // stop handing out chunks
      }
      if (running.decrementAndGet() == 0) {
        Thread c = caller;
        if (c != null) {
          LockSupport.unpark(c);
        }
      }
    }
  }

  /// Stops the workers (idempotent).
  @Override
  public void close() {
    closed = true;
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
  }
}
