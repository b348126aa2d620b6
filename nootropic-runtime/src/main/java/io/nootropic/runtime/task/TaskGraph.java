package io.nootropic.runtime.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.nootropic.api.task.TaskId;
import io.nootropic.api.task.TaskStatus;
import io.nootropic.runtime.task.TaskGraphException.Kind;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/// A task DAG with its states and its critical-path schedule.
///
/// The structure (tasks and dependencies) is fixed at construction and validated: duplicate ids,
/// dependencies on missing tasks and cycles are refused with a [TaskGraphException] naming the
/// tasks (the cycle's path for a cycle). States change as tasks run; the critical-path figures
/// (earliest/latest start and finish, slack) are kept current incrementally: a change of one task's
/// duration re-evaluates only the tasks downstream (earliest times) and upstream (latest times) of
/// it, in topological order, and stops where values no longer change.
///
/// Not thread-safe; [TaskGraphService] guards it.
public final class TaskGraph {

  private final TaskId[] ids;
  private final Map<TaskId, Integer> index;
  private final int[][] preds;
  private final int[][] succs;
  private final int[] topo;
  private final int[] topoPos;
  private final TaskState[] states;
  private final long[] dur;
  private final long[] es;
  private final long[] ef;
  /// Longest path from the start of a task to the end of the run, the task included.
  private final long[] tail;
  private long end;

  private TaskGraph(List<TaskSpec> specs) {
    int n = specs.size();
    ids = new TaskId[n];
    index = HashMap.newHashMap(n);
    List<TaskId> dups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TaskSpec s = Objects.requireNonNull(specs.get(i), "task spec");
      ids[i] = s.id();
      if (index.putIfAbsent(s.id(), i) != null) {
        dups.add(s.id());
      }
    }
    if (!dups.isEmpty()) {
      throw new TaskGraphException(Kind.DUPLICATE_ID, dups, "duplicate task ids: " + dups);
    }
    preds = new int[n][];
    int[] succCount = new int[n];
    for (int i = 0; i < n; i++) {
      List<TaskId> deps = specs.get(i).deps();
      preds[i] = new int[deps.size()];
      for (int k = 0; k < deps.size(); k++) {
        Integer d = index.get(deps.get(k));
        if (d == null) {
          throw new TaskGraphException(Kind.MISSING_DEPENDENCY, List.of(ids[i], deps.get(k)),
              "task " + ids[i] + " depends on " + deps.get(k) + ", which is not in the graph");
        }
        preds[i][k] = d;
        succCount[d]++;
      }
    }
    succs = new int[n][];
    for (int i = 0; i < n; i++) {
      succs[i] = new int[succCount[i]];
    }
    int[] fill = new int[n];
    for (int i = 0; i < n; i++) {
      for (int p : preds[i]) {
        succs[p][fill[p]++] = i;
      }
    }
    topo = topologicalOrder();
    topoPos = new int[n];
    for (int k = 0; k < n; k++) {
      topoPos[topo[k]] = k;
    }
    states = new TaskState[n];
    dur = new long[n];
    es = new long[n];
    ef = new long[n];
    tail = new long[n];
    for (int i = 0; i < n; i++) {
      states[i] = new TaskState(specs.get(i), TaskStatus.PENDING, 0, 0, null, null, null);
      dur[i] = effectiveDuration(states[i]);
    }
    for (int i = 0; i < n; i++) {
      refreshReady(i);
    }
    recomputeAll();
  }

  /// Builds and validates a graph; every task starts [TaskStatus#PENDING] (or
  /// [TaskStatus#READY] when it has no dependencies).
  ///
  /// @throws TaskGraphException for duplicate ids, missing dependencies or a cycle
  public static TaskGraph of(List<TaskSpec> specs) {
    return new TaskGraph(List.copyOf(specs));
  }

  private int[] topologicalOrder() {
    int n = ids.length;
    int[] indeg = new int[n];
    for (int i = 0; i < n; i++) {
      indeg[i] = preds[i].length;
    }
    int[] order = new int[n];
    int head = 0;
    int tailIdx = 0;
    for (int i = 0; i < n; i++) {
      if (indeg[i] == 0) {
        order[tailIdx++] = i;
      }
    }
    while (head < tailIdx) {
      int u = order[head++];
      for (int s : succs[u]) {
        if (--indeg[s] == 0) {
          order[tailIdx++] = s;
        }
      }
    }
    if (tailIdx < n) {
      List<TaskId> cycle = findCycle(indeg);
      StringBuilder sb = new StringBuilder();
      for (TaskId id : cycle) {
        sb.append(sb.isEmpty() ? "" : " -> ").append(id);
      }
      throw new TaskGraphException(Kind.CYCLE, cycle,
          "dependency cycle: " + sb + " (each task depends on the one after it)");
    }
    return order;
  }

  /// Walks dependency edges among the tasks left by Kahn's algorithm (all on or behind a cycle)
  /// until a task repeats; returns the cycle, first task repeated at the end.
  private List<TaskId> findCycle(int[] indeg) {
    int start = -1;
    for (int i = 0; i < indeg.length; i++) {
      if (indeg[i] > 0) {
        start = i;
        break;
      }
    }
    int[] seenAt = new int[ids.length];
    Arrays.fill(seenAt, -1);
    List<Integer> walk = new ArrayList<>();
    int u = start;
    while (seenAt[u] < 0) {
      seenAt[u] = walk.size();
      walk.add(u);
      int next = -1;
      for (int p : preds[u]) {
        if (indeg[p] > 0) {
          next = p;
          break;
        }
      }
      u = next;
    }
    List<TaskId> cycle = new ArrayList<>();
    for (int k = seenAt[u]; k < walk.size(); k++) {
      cycle.add(ids[walk.get(k)]);
    }
    cycle.add(ids[u]);
    return cycle;
  }

  // ------------------------------------------------------------------ queries

  /// Number of tasks.
  public int size() {
    return ids.length;
  }

  /// Whether the graph has a task with this id.
  public boolean contains(TaskId id) {
    return index.containsKey(id);
  }

  /// The specifications, in insertion order.
  public List<TaskSpec> specs() {
    List<TaskSpec> out = new ArrayList<>(ids.length);
    for (TaskState s : states) {
      out.add(s.spec());
    }
    return out;
  }

  /// The states, in insertion order.
  public List<TaskState> states() {
    return Collections.unmodifiableList(Arrays.asList(states.clone()));
  }

  /// The state of one task.
  ///
  /// @throws TaskGraphException when the task is not in the graph
  public TaskState state(TaskId id) {
    return states[indexOf(id)];
  }

  /// Ids in a topological order (every task after its dependencies).
  public List<TaskId> topologicalOrderIds() {
    List<TaskId> out = new ArrayList<>(ids.length);
    for (int i : topo) {
      out.add(ids[i]);
    }
    return out;
  }

  /// Tasks that depend directly on `id`.
  public List<TaskId> dependants(TaskId id) {
    List<TaskId> out = new ArrayList<>();
    for (int s : succs[indexOf(id)]) {
      out.add(ids[s]);
    }
    return out;
  }

  /// Tasks whose dependencies all succeeded and that have not started, in topological order.
  public List<TaskId> ready() {
    List<TaskId> out = new ArrayList<>();
    for (int i : topo) {
      if (states[i].status() == TaskStatus.READY) {
        out.add(ids[i]);
      }
    }
    return out;
  }

  /// Whether every task reached a terminal status.
  public boolean isFinished() {
    for (TaskState s : states) {
      if (!s.status().isTerminal()) {
        return false;
      }
    }
    return true;
  }

  /// Results of the succeeded tasks, in insertion order.
  public Map<TaskId, JsonNode> results() {
    Map<TaskId, JsonNode> out = new LinkedHashMap<>();
    for (TaskState s : states) {
      if (s.status() == TaskStatus.SUCCEEDED) {
        out.put(s.id(), s.result());
      }
    }
    return out;
  }

  /// Length of the run in milliseconds: the largest earliest finish.
  public long duration() {
    return end;
  }

  /// Critical-path figures of one task.
  public TaskTiming timing(TaskId id) {
    return timingOf(indexOf(id));
  }

  /// Critical-path figures of every task, in topological order.
  public List<TaskTiming> timings() {
    List<TaskTiming> out = new ArrayList<>(ids.length);
    for (int i : topo) {
      out.add(timingOf(i));
    }
    return out;
  }

  /// Whether the task has no slack.
  public boolean isCritical(TaskId id) {
    int i = indexOf(id);
    return es[i] + tail[i] == end;
  }

  /// Earliest start of a task in milliseconds.
  public long earliestStart(TaskId id) {
    return es[indexOf(id)];
  }

  /// Slack of a task in milliseconds.
  public long slack(TaskId id) {
    int i = indexOf(id);
    return end - tail[i] - es[i];
  }

  /// One critical path from a first task to a last one (empty for an empty graph): every task on
  /// it has zero slack and starts when the previous one finishes.
  public List<TaskId> criticalPath() {
    List<TaskId> path = new ArrayList<>();
    int u = -1;
    for (int i : topo) {
      if (preds[i].length == 0 && tail[i] == end) {
        u = i;
        break;
      }
    }
    while (u >= 0) {
      path.add(ids[u]);
      long want = tail[u] - dur[u];
      int next = -1;
      if (want > 0 || succs[u].length > 0) {
        int bestPos = Integer.MAX_VALUE;
        for (int s : succs[u]) {
          if (tail[s] == want && es[s] == ef[u] && topoPos[s] < bestPos) {
            next = s;
            bestPos = topoPos[s];
          }
        }
      }
      u = next;
    }
    return path;
  }

  private TaskTiming timingOf(int i) {
    long ls = end - tail[i];
    return new TaskTiming(ids[i], dur[i], es[i], ef[i], ls, ls + dur[i], ls - es[i]);
  }

  int indexOf(TaskId id) {
    Integer i = index.get(id);
    if (i == null) {
      throw new TaskGraphException(Kind.UNKNOWN_TASK, List.of(id), "task " + id + " is not in the graph");
    }
    return i;
  }

  // ------------------------------------------------------------------ changes (by the service)

  /// Replaces the state of a task and updates readiness of nothing else; returns the old state.
  TaskState put(TaskState s) {
    int i = indexOf(s.id());
    TaskState old = states[i];
    states[i] = s;
    long d = effectiveDuration(s);
    if (d != dur[i]) {
      updateDuration(i, d);
    }
    return old;
  }

  /// Marks dependants of a succeeded task ready when all their dependencies succeeded; returns
  /// the tasks that became ready.
  List<TaskId> promoteDependants(TaskId id) {
    List<TaskId> out = new ArrayList<>();
    for (int s : succs[indexOf(id)]) {
      if (refreshReady(s)) {
        out.add(ids[s]);
      }
    }
    return out;
  }

  /// Skips every unfinished task downstream of `id`, recording the cause; returns them.
  List<TaskId> skipDownstream(TaskId id, String cause) {
    List<TaskId> out = new ArrayList<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    boolean[] seen = new boolean[ids.length];
    queue.add(indexOf(id));
    while (!queue.isEmpty()) {
      int u = queue.poll();
      for (int s : succs[u]) {
        if (!seen[s]) {
          seen[s] = true;
          TaskState st = states[s];
          if (!st.status().isTerminal() && st.status() != TaskStatus.RUNNING) {
            put(new TaskState(st.spec(), TaskStatus.SKIPPED, st.attempts(), st.failures(), null, cause, null));
            out.add(ids[s]);
          }
          queue.add(s);
        }
      }
    }
    return out;
  }

  /// Moves a pending task whose dependencies all succeeded to READY (and a ready task whose
  /// dependencies no longer all succeeded back to PENDING); returns whether it became ready.
  boolean refreshReady(int i) {
    TaskState s = states[i];
    if (s.status() != TaskStatus.PENDING && s.status() != TaskStatus.READY) {
      return false;
    }
    boolean all = true;
    for (int p : preds[i]) {
      if (states[p].status() != TaskStatus.SUCCEEDED) {
        all = false;
        break;
      }
    }
    TaskStatus want = all ? TaskStatus.READY : TaskStatus.PENDING;
    if (want != s.status()) {
      states[i] = new TaskState(s.spec(), want, s.attempts(), s.failures(), s.result(), s.error(), s.actual());
      return want == TaskStatus.READY;
    }
    return false;
  }

  /// Duration the schedule uses for a task: 0 once skipped or cancelled, the measured one once
  /// finished, else the estimate.
  static long effectiveDuration(TaskState s) {
    return switch (s.status()) {
      case SKIPPED, CANCELLED -> 0;
      case SUCCEEDED, FAILED -> s.actual() != null ? s.actual().toMillis() : s.spec().estimate().duration().toMillis();
      default -> s.spec().estimate().duration().toMillis();
    };
  }

  /// Sets the measured duration of a task directly (for hosts that track progress themselves).
  void setActual(TaskId id, Duration actual) {
    TaskState s = state(id);
    put(new TaskState(s.spec(), s.status(), s.attempts(), s.failures(), s.result(), s.error(), actual));
  }

  // ------------------------------------------------------------------ critical path method

  /// Forward and backward passes over the whole graph, O(tasks + dependencies).
  void recomputeAll() {
    long max = 0;
    for (int i : topo) {
      long start = 0;
      for (int p : preds[i]) {
        start = Math.max(start, ef[p]);
      }
      es[i] = start;
      ef[i] = start + dur[i];
      max = Math.max(max, ef[i]);
    }
    end = max;
    for (int k = topo.length - 1; k >= 0; k--) {
      int i = topo[k];
      long after = 0;
      for (int s : succs[i]) {
        after = Math.max(after, tail[s]);
      }
      tail[i] = dur[i] + after;
    }
  }

  /// Changes one duration and repairs the schedule: earliest times of the task and its
  /// descendants in topological order, the longest remaining path of it and its ancestors in
  /// reverse topological order, stopping wherever a value does not change.
  void updateDuration(int v, long d) {
    dur[v] = d;
    boolean endMayDrop = false;
    long maxEf = 0;
    PriorityQueue<Integer> fwd = new PriorityQueue<>((x, y) -> Integer.compare(topoPos[x], topoPos[y]));
    HashSet<Integer> inFwd = new HashSet<>();
    fwd.add(v);
    inFwd.add(v);
    while (!fwd.isEmpty()) {
      int u = fwd.poll();
      inFwd.remove(u);
      long start = 0;
      for (int p : preds[u]) {
        start = Math.max(start, ef[p]);
      }
      long before = ef[u];
      long finish = start + dur[u];
      es[u] = start;
      if (finish == before) {
        continue;
      }
      ef[u] = finish;
      if (before == end && finish < before) {
        endMayDrop = true;
      }
      maxEf = Math.max(maxEf, finish);
      for (int s : succs[u]) {
        if (inFwd.add(s)) {
          fwd.add(s);
        }
      }
    }
    if (maxEf > end) {
      end = maxEf;
    } else if (endMayDrop) {
      long max = 0;
      for (long f : ef) {
        max = Math.max(max, f);
      }
      end = max;
    }
    PriorityQueue<Integer> bwd = new PriorityQueue<>((x, y) -> Integer.compare(topoPos[y], topoPos[x]));
    HashSet<Integer> inBwd = new HashSet<>();
    bwd.add(v);
    inBwd.add(v);
    while (!bwd.isEmpty()) {
      int u = bwd.poll();
      inBwd.remove(u);
      long after = 0;
      for (int s : succs[u]) {
        after = Math.max(after, tail[s]);
      }
      long t = dur[u] + after;
      if (t == tail[u]) {
        continue;
      }
      tail[u] = t;
      for (int p : preds[u]) {
        if (inBwd.add(p)) {
          bwd.add(p);
        }
      }
    }
  }

  /// A deep copy with the same states (for readers outside the service's lock).
  TaskGraph copy() {
    TaskGraph g = new TaskGraph(specs());
    for (TaskState s : states) {
      g.states[g.indexOf(s.id())] = s;
    }
    for (int i = 0; i < states.length; i++) {
      g.dur[i] = dur[i];
    }
    g.recomputeAll();
    return g;
  }
}
