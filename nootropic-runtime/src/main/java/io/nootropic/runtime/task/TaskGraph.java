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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
  private final MaxTree maxEf;
  private final int[] mark;
  private int stampCounter;
  private final IntHeap heap = new IntHeap();
  /// Ready tasks, by topological position.
  private final java.util.BitSet readyBits = new java.util.BitSet();

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
    maxEf = new MaxTree(n);
    mark = new int[n];
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

  /// Tasks whose dependencies all succeeded and that have not started, least slack first, then in
  /// topological order.
  public List<TaskId> ready() {
    return ready(Integer.MAX_VALUE);
  }

  /// Up to `limit` ready tasks, most urgent first: least slack (critical tasks first), then
  /// topological order.
  public List<TaskId> ready(int limit) {
    int count = readyBits.cardinality();
    long[] keys = new long[count];
    int n = 0;
    for (int k = readyBits.nextSetBit(0); k >= 0; k = readyBits.nextSetBit(k + 1)) {
      int i = topo[k];
      long slack = Math.min(end - tail[i] - es[i], (1L << 31) - 1);
      keys[n++] = (slack << 32) | k;
    }
    Arrays.sort(keys, 0, n);
    List<TaskId> out = new ArrayList<>(Math.min(n, limit));
    for (int j = 0; j < n && out.size() < limit; j++) {
      out.add(ids[topo[(int) (keys[j] & 0xFFFFFFFFL)]]);
    }
    return out;
  }

  private void setState(int i, TaskState s) {
    states[i] = s;
    readyBits.set(topoPos[i], s.status() == TaskStatus.READY);
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

  /// What-if analysis: changes the estimate of an unfinished task in this graph and updates the
  /// schedule incrementally. Graphs handed out by [TaskGraphService#graph] are copies, so this
  /// never touches durable state; use [TaskGraphService#setEstimate] to change the plan.
  ///
  /// @throws TaskGraphException when the task is unknown or finished
  public void setEstimate(TaskId id, io.nootropic.api.task.TaskEstimate estimate) {
    TaskState s = state(id);
    if (s.status().isTerminal()) {
      throw new TaskGraphException(Kind.FINISHED_TASK, List.of(id), "task " + id + " is " + s.status());
    }
    put(new TaskState(s.spec().withEstimate(estimate), s.status(), s.attempts(), s.failures(), s.result(), s.error(),
        s.actual()));
  }

  /// Replaces the state of a task and updates readiness of nothing else; returns the old state.
  TaskState put(TaskState s) {
    int i = indexOf(s.id());
    TaskState old = states[i];
    setState(i, s);
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
      setState(i, new TaskState(s.spec(), want, s.attempts(), s.failures(), s.result(), s.error(), s.actual()));
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
    maxEf.fill(ef);
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
    // forward: earliest times of v and its descendants, in topological order
    int stamp = nextStamp();
    heap.clear();
    heap.push(topoPos[v]);
    mark[v] = stamp;
    while (!heap.isEmpty()) {
      int u = topo[heap.pop()];
      mark[u] = 0;
      long start = 0;
      for (int p : preds[u]) {
        start = Math.max(start, ef[p]);
      }
      es[u] = start;
      long finish = start + dur[u];
      if (finish == ef[u]) {
        continue;
      }
      ef[u] = finish;
      maxEf.set(u, finish);
      for (int s : succs[u]) {
        if (mark[s] != stamp) {
          mark[s] = stamp;
          heap.push(topoPos[s]);
        }
      }
    }
    end = maxEf.max();
    // backward: longest remaining path of v and its ancestors, in reverse topological order
    stamp = nextStamp();
    heap.clear();
    heap.push(-topoPos[v]);
    mark[v] = stamp;
    while (!heap.isEmpty()) {
      int u = topo[-heap.pop()];
      mark[u] = 0;
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
        if (mark[p] != stamp) {
          mark[p] = stamp;
          heap.push(-topoPos[p]);
        }
      }
    }
  }

  private int nextStamp() {
    if (++stampCounter == Integer.MAX_VALUE) {
      Arrays.fill(mark, 0);
      stampCounter = 1;
    }
    return stampCounter;
  }

  /// A binary min-heap of ints, reused across updates (no boxing).
  private static final class IntHeap {
    private int[] a = new int[16];
    private int size;

    void clear() {
      size = 0;
    }

    boolean isEmpty() {
      return size == 0;
    }

    void push(int x) {
      if (size == a.length) {
        a = Arrays.copyOf(a, size * 2);
      }
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (a[parent] <= x) {
          break;
        }
        a[i] = a[parent];
        i = parent;
      }
      a[i] = x;
    }

    int pop() {
      int top = a[0];
      int x = a[--size];
      int i = 0;
      while (true) {
        int c = 2 * i + 1;
        if (c >= size) {
          break;
        }
        if (c + 1 < size && a[c + 1] < a[c]) {
          c++;
        }
        if (a[c] >= x) {
          break;
        }
        a[i] = a[c];
        i = c;
      }
      if (size > 0) {
        a[i] = x;
      }
      return top;
    }
  }

  /// Maximum of a long array under point updates: a segment tree, O(log n) per update.
  private static final class MaxTree {
    private final long[] t;
    private final int base;

    MaxTree(int n) {
      int b = 1;
      while (b < Math.max(1, n)) {
        b <<= 1;
      }
      base = b;
      t = new long[2 * b];
    }

    void set(int i, long v) {
      int k = base + i;
      t[k] = v;
      for (k >>>= 1; k >= 1; k >>>= 1) {
        long m = Math.max(t[2 * k], t[2 * k + 1]);
        if (t[k] == m) {
          break;
        }
        t[k] = m;
      }
    }

    void fill(long[] values) {
      Arrays.fill(t, 0);
      System.arraycopy(values, 0, t, base, values.length);
      for (int k = base - 1; k >= 1; k--) {
        t[k] = Math.max(t[2 * k], t[2 * k + 1]);
      }
    }

    long max() {
      return t[1];
    }
  }

  /// A deep copy with the same states (for readers outside the service's lock).
  TaskGraph copy() {
    TaskGraph g = new TaskGraph(specs());
    for (TaskState s : states) {
      g.setState(g.indexOf(s.id()), s);
    }
    for (int i = 0; i < states.length; i++) {
      g.dur[i] = dur[i];
    }
    g.recomputeAll();
    return g;
  }
}
