package io.nootropic.inference.internal.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/// A fixed pool of worker threads that splits a range of indices (rows, heads) between itself and
/// the calling thread.
///
/// Made for the decode loop on a busy machine: one dispatch costs no allocation (the caller passes
/// a reusable [RangeTask]); chunks are handed out dynamically; idle workers spin briefly, then park;
/// and a worker must claim a ticket of the current dispatch before it works, so when the caller
/// has finished every chunk it withdraws the unclaimed tickets and never waits for a worker the OS
/// has not scheduled yet. Dispatches from several threads are serialised. Workers are daemon
/// threads named `nootropic-kernel-N`.
public final class Parallel implements AutoCloseable {

  /// Work over a sub-range of indices, run by one worker at a time.
  public interface RangeTask {
    /// Processes indices `[from, to)` on the worker numbered `worker` (0 = the calling thread).
    void run(int from, int to, int worker);
  }

  private static final int SPINS = 20_000;
  private static final int TICKET_BITS = 16;
  private static final long TICKET_MASK = (1L << TICKET_BITS) - 1;

  private final int threads;
  private final Thread[] workers;
  private final ReentrantLock dispatchLock = new ReentrantLock();
  private final AtomicInteger nextIndex = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  /// `generation << 16 | unclaimed tickets` of the current dispatch.
  private final AtomicLong tickets = new AtomicLong();
  private volatile long generation;
  private volatile boolean closed;
  private volatile Thread caller;
  private volatile RangeTask task;
  private volatile int size;
  private volatile int chunk;
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
      finished.set(0);
      long gen = generation + 1;
      tickets.set(gen << TICKET_BITS | workers.length);
      generation = gen;                        // volatile write publishes the fields above
      for (Thread w : workers) {
        LockSupport.unpark(w);
      }
      try {
        work(0);
      } catch (RuntimeException | Error t) {
        failure = t;
        nextIndex.set(Integer.MAX_VALUE / 2);
      }
      // withdraw the tickets no worker has claimed yet: those workers will skip this dispatch
      long s = tickets.getAndSet(gen << TICKET_BITS);
      int started = workers.length - (int) (s & TICKET_MASK);
      int spins = 0;
      while (finished.get() != started) {
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

  /// Claims one ticket of dispatch `gen`; false if it is over or all tickets are taken.
  private boolean claim(long gen) {
    while (true) {
      long s = tickets.get();
      if ((s >>> TICKET_BITS) != gen || (s & TICKET_MASK) == 0) {
        return false;
      }
      if (tickets.compareAndSet(s, s - 1)) {
        return true;
      }
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
      if (!claim(seen)) {
        continue;
      }
      try {
        work(id);
      } catch (Throwable t) {
        failure = t;
        nextIndex.set(Integer.MAX_VALUE / 2);  // stop handing out chunks
      }
      finished.incrementAndGet();
      Thread c = caller;
      if (c != null) {
        LockSupport.unpark(c);
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
