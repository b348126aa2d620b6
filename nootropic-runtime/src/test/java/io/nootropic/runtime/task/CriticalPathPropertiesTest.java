package io.nootropic.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.task.TaskEstimate;
import io.nootropic.api.task.TaskId;
import io.nootropic.api.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/// Checks the incremental critical-path figures against a brute-force enumeration of every path
/// of small random DAGs, after building and after random duration and status changes.
class CriticalPathPropertiesTest {

  /// A random DAG: task i may depend on any task j < i.
  record Dag(int n, boolean[][] edge, long[] dur) {

    static Dag random(long seed, int n, int density) {
      Random r = new Random(seed);
      boolean[][] e = new boolean[n][n];
      long[] d = new long[n];
      for (int i = 0; i < n; i++) {
        d[i] = r.nextInt(4) == 0 ? 0 : r.nextInt(100);
        for (int j = 0; j < i; j++) {
          e[j][i] = r.nextInt(100) < density;
        }
      }
      return new Dag(n, e, d);
    }

    List<TaskSpec> specs(int[] perm) {
      List<TaskSpec> out = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        int i = perm[k];
        List<TaskId> deps = new ArrayList<>();
        for (int j = 0; j < n; j++) {
          if (edge[j][i]) {
            deps.add(id(j));
          }
        }
        out.add(new TaskSpec(id(i), "demo.sleep", null, TaskEstimate.of(Duration.ofMillis(dur[i])), deps, null, null, null));
      }
      return out;
    }

    /// Longest path (sum of durations) among all paths that end just before `v` starts: brute force.
    long bruteEs(int v) {
      long best = 0;
      for (int p = 0; p < n; p++) {
        if (edge[p][v]) {
          best = Math.max(best, bruteEs(p) + dur[p]);
        }
      }
      return best;
    }

    /// Longest path starting at `v`, `v` included, enumerated through every successor.
    long bruteTail(int v) {
      long best = 0;
      for (int s = 0; s < n; s++) {
        if (edge[v][s]) {
          best = Math.max(best, bruteTail(s));
        }
      }
      return dur[v] + best;
    }

    long bruteEnd() {
      long best = 0;
      for (int v = 0; v < n; v++) {
        best = Math.max(best, bruteEs(v) + dur[v]);
      }
      return best;
    }
  }

  static TaskId id(int i) {
    return TaskId.of("t" + i);
  }

  static int[] shuffled(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    Random r = new Random(seed ^ 0x5DEECE66DL);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  static void assertMatchesBruteForce(TaskGraph g, Dag dag) {
    long end = dag.bruteEnd();
    assertThat(g.duration()).isEqualTo(end);
    for (int v = 0; v < dag.n(); v++) {
      TaskTiming t = g.timing(id(v));
      long es = dag.bruteEs(v);
      long tail = dag.bruteTail(v);
      assertThat(t.es()).as("ES of t%d", v).isEqualTo(es);
      assertThat(t.ef()).as("EF of t%d", v).isEqualTo(es + dag.dur()[v]);
      assertThat(t.ls()).as("LS of t%d", v).isEqualTo(end - tail);
      assertThat(t.lf()).as("LF of t%d", v).isEqualTo(end - tail + dag.dur()[v]);
      assertThat(t.slack()).as("slack of t%d", v).isEqualTo(end - tail - es);
    }
    // the reported critical path is a real path of zero slack whose length is the run's length
    List<TaskId> path = g.criticalPath();
    if (dag.n() > 0) {
      assertThat(path).isNotEmpty();
    }
    long len = 0;
    for (int k = 0; k < path.size(); k++) {
      int v = Integer.parseInt(path.get(k).value().substring(1));
      assertThat(g.slack(path.get(k))).isZero();
      if (k == 0) {
        assertThat(dag.bruteEs(v)).isZero();
      } else {
        int u = Integer.parseInt(path.get(k - 1).value().substring(1));
        assertThat(dag.edge()[u][v]).as("edge t%d -> t%d", u, v).isTrue();
      }
      len += dag.dur()[v];
    }
    assertThat(len).isEqualTo(end);
  }

  @Property(tries = 200)
  void scheduleMatchesBruteForce(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int n, @ForAll @IntRange(min = 0, max = 70) int density) {
    Dag dag = Dag.random(seed, n, density);
    TaskGraph g = TaskGraph.of(dag.specs(shuffled(n, seed)));
    assertMatchesBruteForce(g, dag);
  }

  @Property(tries = 150)
  void incrementalUpdatesMatchBruteForce(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int n, @ForAll @IntRange(min = 0, max = 70) int density) {
    Dag dag = Dag.random(seed, n, density);
    TaskGraph g = TaskGraph.of(dag.specs(shuffled(n, seed)));
    Random r = new Random(seed + 17);
    for (int step = 0; step < 20; step++) {
      int v = r.nextInt(n);
      TaskState s = g.state(id(v));
      long d;
      switch (r.nextInt(3)) {
        case 0 -> { // new estimate of an unfinished task
          d = r.nextInt(150);
          g.put(new TaskState(s.spec().withEstimate(TaskEstimate.of(Duration.ofMillis(d))), TaskStatus.PENDING, 0, 0,
              null, null, null));
        }
        case 1 -> { // finished with a measured duration
          d = r.nextInt(150);
          g.put(new TaskState(s.spec(), TaskStatus.SUCCEEDED, 1, 0, null, null, Duration.ofMillis(d)));
        }
        default -> { // skipped: no longer takes time
          d = 0;
          g.put(new TaskState(s.spec(), TaskStatus.SKIPPED, 0, 0, null, "test", null));
        }
      }
      dag.dur()[v] = d;
      assertMatchesBruteForce(g, dag);
    }
  }
}
