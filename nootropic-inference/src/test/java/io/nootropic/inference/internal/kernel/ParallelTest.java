package io.nootropic.inference.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

  @Test
  void everyIndexIsVisitedExactlyOnceAcrossManyDispatches() {
    try (Parallel pool = new Parallel(3)) {
      for (int size : new int[] {1, 2, 5, 17, 1000, 4099}) {
        AtomicIntegerArray seen = new AtomicIntegerArray(size);
        int[] workersSeen = new int[3];
        for (int rep = 0; rep < 50; rep++) {
          pool.parallelFor(size, 1, (from, to, worker) -> {
            workersSeen[worker] = 1;
            for (int i = from; i < to; i++) {
              seen.incrementAndGet(i);
            }
          });
        }
        for (int i = 0; i < size; i++) {
          assertThat(seen.get(i)).as("size %d index %d", size, i).isEqualTo(50);
        }
      }
    }
  }

  @Test
  void concurrentCallersAreSerialisedAndEachSeesItsOwnRange() throws Exception {
    try (Parallel pool = new Parallel(2)) {
      AtomicIntegerArray a = new AtomicIntegerArray(37);
      AtomicIntegerArray b = new AtomicIntegerArray(53);
      Thread other = new Thread(() -> {
        for (int rep = 0; rep < 2000; rep++) {
          pool.parallelFor(53, 1, (from, to, worker) -> {
            for (int i = from; i < to; i++) {
              b.incrementAndGet(i);
            }
          });
        }
      });
      other.start();
      for (int rep = 0; rep < 2000; rep++) {
        pool.parallelFor(37, 1, (from, to, worker) -> {
          for (int i = from; i < to; i++) {
            a.incrementAndGet(i);
          }
        });
      }
      other.join();
      for (int i = 0; i < 37; i++) {
        assertThat(a.get(i)).isEqualTo(2000);
      }
      for (int i = 0; i < 53; i++) {
        assertThat(b.get(i)).isEqualTo(2000);
      }
    }
  }

  @Test
  void aFailureInAWorkerReachesTheCallerAndThePoolStaysUsable() {
    try (Parallel pool = new Parallel(2)) {
      assertThatThrownBy(() -> pool.parallelFor(100, 1, (from, to, worker) -> {
        if (from <= 57 && 57 < to) {
          throw new IllegalStateException("boom at 57");
        }
      })).isInstanceOf(IllegalStateException.class).hasMessage("boom at 57");
      AtomicIntegerArray seen = new AtomicIntegerArray(10);
      pool.parallelFor(10, 1, (from, to, worker) -> {
        for (int i = from; i < to; i++) {
          seen.incrementAndGet(i);
        }
      });
      for (int i = 0; i < 10; i++) {
        assertThat(seen.get(i)).isEqualTo(1);
      }
    }
  }
}
