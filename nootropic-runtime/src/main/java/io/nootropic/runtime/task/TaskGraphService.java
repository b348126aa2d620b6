package io.nootropic.runtime.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.event.Event;
import io.nootropic.api.event.EventSink;
import io.nootropic.api.task.TaskEstimate;
import io.nootropic.api.task.TaskId;
import io.nootropic.api.task.TaskStatus;
import io.nootropic.runtime.journal.JournalRecord;
import io.nootropic.runtime.journal.Recovery;
import io.nootropic.runtime.journal.Snapshot;
import io.nootropic.runtime.journal.TaskStore;
import io.nootropic.runtime.task.TaskGraphException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The durable task graph of one or more runs.
///
/// Every change is validated, appended to the [TaskStore] and only then applied in memory and
/// acknowledged (by returning) and published as a [TaskEvent] or [RunEvent]. The in-memory state
/// is a fold of the journal: reopening the store and this service rebuilds exactly the state
/// that was acknowledged. On open, tasks that were running when the process stopped are retried
/// or failed per their [InterruptPolicy], and that decision is journaled too. A task's completion
/// is recorded once: a second completion of the same attempt, or of a stale attempt, is refused.
///
/// Thread-safe. Events are published after the lock is released, so a subscriber may call back.
public final class TaskGraphService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TaskGraphService.class);

  /// Record types, which are also the topics of the corresponding events.
  static final String RUN_CREATED = "run.created";
  static final String RUN_PATCHED = "run.patched";
  static final String STARTED = "task.started";
  static final String SUCCEEDED = "task.succeeded";
  static final String ATTEMPT_FAILED = "task.attempt-failed";
  static final String FAILED = "task.failed";
  static final String CANCELLED = "task.cancelled";
  static final String INTERRUPTED = "task.interrupted";
  static final String ESTIMATED = "task.estimated";

  /// Settings of a [TaskGraphService].
  ///
  /// @param events        where task and run events go
  /// @param snapshotEvery records between snapshots (compaction); 0 disables automatic snapshots
  public record Options(EventSink events, int snapshotEvery) {

    /// Checks the fields.
    public Options {
      events = events == null ? EventSink.NONE : events;
      if (snapshotEvery < 0) {
        throw new IllegalArgumentException("snapshotEvery must not be negative, was " + snapshotEvery);
      }
    }

    /// No events, a snapshot every 10,000 records.
    public static Options defaults() {
      return new Options(EventSink.NONE, 10_000);
    }

    /// A copy publishing to `sink`.
    public Options withEvents(EventSink sink) {
      return new Options(sink, snapshotEvery);
    }

    /// A copy with another snapshot interval.
    public Options withSnapshotEvery(int records) {
      return new Options(events, records);
    }
  }

  private final TaskStore store;
  private final Options options;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, TaskGraph> runs = new LinkedHashMap<>();
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private int sinceSnapshot;
  private final List<String> resumeLog = new ArrayList<>();

  private TaskGraphService(TaskStore store, Options options) {
    this.store = store;
    this.options = options;
  }

  /// Opens the service over `store`: restores the snapshot, replays the records after it, then
  /// journals what happens to tasks that were running.
  public static TaskGraphService open(TaskStore store, Options options) {
    TaskGraphService s = new TaskGraphService(Objects.requireNonNull(store, "store"), Objects.requireNonNull(options, "options"));
    s.recover(store.recovery());
    return s;
  }

  /// Opens the service with [Options#defaults()].
  public static TaskGraphService open(TaskStore store) {
    return open(store, Options.defaults());
  }

  private void recover(Recovery recovery) {
    Pending events = new Pending();
    lock.lock();
    try {
      recovery.snapshot().ifPresent(this::restore);
      for (JournalRecord r : recovery.records()) {
        apply(r, new ArrayList<>());
      }
      for (Map.Entry<String, TaskGraph> e : runs.entrySet()) {
        for (TaskState s : e.getValue().states()) {
          if (s.status() == TaskStatus.RUNNING) {
            ObjectNode d = task(s.id()).put("attempt", s.attempts())
                .put("policy", s.spec().onInterrupt().name().toLowerCase(Locale.ROOT));
            resumeLog.add(e.getKey() + "/" + s.id() + " was running (attempt " + s.attempts() + "): "
                + s.spec().onInterrupt().name().toLowerCase(Locale.ROOT));
            commit(e.getKey(), INTERRUPTED, d, events);
          }
        }
      }
    } finally {
      lock.unlock();
    }
    finish(events);
  }

  /// What resume did to tasks that were running at the crash, one line each.
  public List<String> resumeLog() {
    return List.copyOf(resumeLog);
  }

  // ------------------------------------------------------------------ queries

  /// Ids of the known runs, in creation order.
  public List<String> runIds() {
    lock.lock();
    try {
      return List.copyOf(runs.keySet());
    } finally {
      lock.unlock();
    }
  }

  /// Whether a run with this id exists.
  public boolean hasRun(String runId) {
    lock.lock();
    try {
      return runs.containsKey(runId);
    } finally {
      lock.unlock();
    }
  }

  /// A copy of a run's graph, safe to read while the run goes on.
  public TaskGraph graph(String runId) {
    lock.lock();
    try {
      return run(runId).copy();
    } finally {
      lock.unlock();
    }
  }

  /// The current state of one task.
  public TaskState state(String runId, TaskId id) {
    lock.lock();
    try {
      return run(runId).state(id);
    } finally {
      lock.unlock();
    }
  }

  /// Ready tasks of a run, least slack (critical) first, then in topological order.
  public List<TaskId> ready(String runId) {
    return ready(runId, Integer.MAX_VALUE);
  }

  /// The `limit` most urgent ready tasks of a run (least slack first).
  public List<TaskId> ready(String runId, int limit) {
    lock.lock();
    try {
      return run(runId).ready(limit);
    } finally {
      lock.unlock();
    }
  }

  /// Whether every task of the run reached a terminal status.
  public boolean isFinished(String runId) {
    lock.lock();
    try {
      return run(runId).isFinished();
    } finally {
      lock.unlock();
    }
  }

  /// Whether the task is on the run's critical path (no slack).
  public boolean isCritical(String runId, TaskId id) {
    lock.lock();
    try {
      return run(runId).isCritical(id);
    } finally {
      lock.unlock();
    }
  }

  /// Results of the succeeded tasks of a run.
  public Map<TaskId, JsonNode> results(String runId) {
    lock.lock();
    try {
      return run(runId).results();
    } finally {
      lock.unlock();
    }
  }

  /// Results of the direct dependencies of a task.
  public Map<TaskId, JsonNode> dependencyResults(String runId, TaskId id) {
    lock.lock();
    try {
      TaskGraph g = run(runId);
      Map<TaskId, JsonNode> out = new LinkedHashMap<>();
      for (TaskId d : g.state(id).spec().deps()) {
        out.put(d, g.state(d).result());
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  private TaskGraph run(String runId) {
    TaskGraph g = runs.get(Objects.requireNonNull(runId, "runId"));
    if (g == null) {
      throw new TaskGraphException(Kind.UNKNOWN_TASK, List.of(), "no run '" + runId + "' in this task store");
    }
    return g;
  }

  // ------------------------------------------------------------------ changes

  /// Creates a run from validated specifications.
  ///
  /// @throws TaskGraphException for a duplicate run id or an invalid graph
  public TaskGraph createRun(String runId, List<TaskSpec> specs) {
    Objects.requireNonNull(runId, "runId");
    TaskGraph.of(specs); // validates before anything is journaled
    Pending events = new Pending();
    lock.lock();
    try {
      if (runs.containsKey(runId)) {
        throw new TaskGraphException(Kind.DUPLICATE_ID, List.of(), "run '" + runId + "' already exists");
      }
      ObjectNode d = nodes.objectNode();
      d.set("tasks", TaskSpecs.toJson(specs));
      commit(runId, RUN_CREATED, d, events);
      return runs.get(runId).copy();
    } finally {
      lock.unlock();
      finish(events);
    }
  }

  /// Starts the next attempt of a ready task and journals it.
  ///
  /// @throws TaskGraphException when the task is not ready or not in the run
  public TaskAttempt start(String runId, TaskId id) {
    Pending events = new Pending();
    lock.lock();
    try {
      TaskState s = run(runId).state(id);
      if (s.status() != TaskStatus.READY) {
        throw new TaskGraphException(Kind.ILLEGAL_TRANSITION, List.of(id),
            "task " + id + " of run " + runId + " cannot start: it is " + s.status());
      }
      int attempt = s.attempts() + 1;
      commit(runId, STARTED, task(id).put("attempt", attempt), events);
      return new TaskAttempt(runId, id, attempt, TaskState.idempotencyKey(runId, id));
    } finally {
      lock.unlock();
      finish(events);
    }
  }

  /// Records the success of an attempt, once.
  ///
  /// @return `false` (and nothing journaled) when the attempt is not the task's running attempt:
  ///     a stale attempt, or a task already completed, cancelled or failed
  public boolean succeed(TaskAttempt a, JsonNode result, Duration actual) {
    Pending events = new Pending();
    lock.lock();
    try {
      if (!isRunningAttempt(a)) {
        return false;
      }
      ObjectNode d = task(a.taskId()).put("attempt", a.attempt());
      d.set("result", result == null ? nodes.nullNode() : result);
      d.put("actualMs", actual.toMillis());
      commit(a.runId(), SUCCEEDED, d, events);
      return true;
    } finally {
      lock.unlock();
      finish(events);
    }
  }

  /// Records a failed attempt; the task goes back to READY awaiting its retry.
  ///
  /// @return `false` when the attempt is not the task's running attempt
  public boolean attemptFailed(TaskAttempt a, String error, Duration actual) {
    Pending events = new Pending();
    lock.lock();
    try {
      if (!isRunningAttempt(a)) {
        return false;
      }
      commit(a.runId(), ATTEMPT_FAILED, task(a.taskId()).put("attempt", a.attempt())
          .put("error", String.valueOf(error)).put("actualMs", actual.toMillis()), events);
      return true;
    } finally {
      lock.unlock();
      finish(events);
    }
  }

  /// Marks a task failed for good (retries exhausted or a permanent error); its dependants are
  /// skipped with the cause recorded.
  ///
  /// @return `false` when the task already finished
  public boolean fail(String runId, TaskId id, String error) {
    Pending events = new Pending();
    lock.lock();
    try {
      if (run(runId).state(id).status().isTerminal()) {
        return false;
      }
      commit(runId, FAILED, task(id).put("error", String.valueOf(error)), events);
      return true;
    } finally {
      lock.unlock();
      finish(events);
    }
  }

  /// Cancels one unfinished task; its dependants are skipped. A running attempt's later
  /// completion will be refused.
  ///
  /// @return `false` when the task already finished
  public boolean cancel(String runId, TaskId id, String cause) {
    Pending events = new Pending();
    lock.lock();
    try {
      if (run(runId).state(id).status().isTerminal()) {
        return false;
      }
      commit(runId, CANCELLED, task(id).put("cause", String.valueOf(cause)), events);
      return true;
    } finally {
      lock.unlock();
      finish(events);
    }
  }

  /// Cancels every unfinished task of a run; returns the ones cancelled.
  public List<TaskId> cancelRun(String runId, String cause) {
    Pending events = new Pending();
    List<TaskId> out = new ArrayList<>();
    lock.lock();
    try {
      TaskGraph g = run(runId);
      for (TaskId id : g.topologicalOrderIds()) {
        if (!g.state(id).status().isTerminal()) {
          commit(runId, CANCELLED, task(id).put("cause", String.valueOf(cause)), events);
          out.add(id);
        }
      }
      return out;
    } finally {
      lock.unlock();
      finish(events);
    }
  }

  /// Changes the estimate of an unfinished task; the schedule is updated incrementally.
  public void setEstimate(String runId, TaskId id, TaskEstimate estimate) {
    Objects.requireNonNull(estimate, "estimate");
    Pending events = new Pending();
    lock.lock();
    try {
      TaskState s = run(runId).state(id);
      if (s.status().isTerminal()) {
        throw new TaskGraphException(Kind.FINISHED_TASK, List.of(id), "task " + id + " is " + s.status()
            + "; its estimate can no longer change");
      }
      commit(runId, ESTIMATED, task(id).put("estimateMs", estimate.duration().toMillis())
          .put("costUsd", estimate.costUsd()), events);
    } finally {
      lock.unlock();
      finish(events);
    }
  }

  /// Applies a JSON Patch (RFC 6902) to the run's canonical document (see [TaskSpecs]) all or
  /// nothing. The result must be a valid, acyclic graph; tasks that are running or finished may
  /// not be changed or removed. Added and changed tasks and everything downstream of them are
  /// re-scheduled (reset to pending); every other task keeps its state and result.
  ///
  /// @throws JsonPatchException when the patch cannot be applied to the document
  /// @throws TaskGraphException when the patched graph is invalid or touches a finished task
  public PatchResult applyPatch(String runId, JsonNode patch) {
    Pending events = new Pending();
    lock.lock();
    try {
      PatchPlan plan = plan(run(runId), patch); // validates; throws before journaling
      ObjectNode d = nodes.objectNode();
      d.set("patch", patch);
      commit(runId, RUN_PATCHED, d, events);
      return plan.result;
    } finally {
      lock.unlock();
      finish(events);
    }
  }

  /// The canonical JSON document of a run's current plan (what patches address).
  public ObjectNode document(String runId) {
    lock.lock();
    try {
      return TaskSpecs.toJson(run(runId).specs());
    } finally {
      lock.unlock();
    }
  }

  /// Writes a snapshot now and lets the store compact.
  public void snapshot() {
    lock.lock();
    try {
      store.snapshot(state());
      sinceSnapshot = 0;
    } finally {
      lock.unlock();
    }
  }

  /// Closes the store.
  @Override
  public void close() {
    store.close();
  }

  private boolean isRunningAttempt(TaskAttempt a) {
    TaskState s = run(a.runId()).state(a.taskId());
    if (s.status() != TaskStatus.RUNNING || s.attempts() != a.attempt()) {
      LOG.debug("ignoring completion of {} attempt {}: task is {} at attempt {}",
          a.taskId(), a.attempt(), s.status(), s.attempts());
      return false;
    }
    return true;
  }

  private ObjectNode task(TaskId id) {
    return nodes.objectNode().put("task", id.value());
  }

  /// Journals a record, then folds it into memory. Called with the lock held.
  private void commit(String runId, String type, ObjectNode data, Pending events) {
    JournalRecord r = store.appendDeferred(runId, type, data);
    events.seq = r.seq();
    apply(r, events);
    sinceSnapshot++;
    if (options.snapshotEvery() > 0 && sinceSnapshot >= options.snapshotEvery()) {
      store.snapshot(state());
      sinceSnapshot = 0;
    }
  }

  /// Events of one call and the last record it journaled.
  private static final class Pending extends ArrayList<Event> {
    private static final long serialVersionUID = 1L;
    long seq;
  }

  /// After the lock is released: waits until the call's records are durable (group commit lets
  /// concurrent calls share one fsync), then publishes its events. Only then does the call return.
  private void finish(Pending events) {
    if (events.seq > 0) {
      store.awaitDurable(events.seq);
    }
    for (Event e : events) {
      try {
        options.events().publish(e);
      } catch (RuntimeException ex) {
        LOG.warn("event sink failed on {}: {}", e.topic(), ex.toString());
      }
    }
  }

  // ------------------------------------------------------------------ the fold

  private void apply(JournalRecord r, List<Event> events) {
    String runId = r.runId();
    JsonNode d = r.data();
    Instant at = r.time();
    if (r.type().equals(RUN_CREATED)) {
      runs.put(runId, TaskGraph.of(TaskSpecs.fromJson(d.get("tasks"))));
      events.add(new RunEvent(RUN_CREATED, at, runId, runs.get(runId).size() + " tasks"));
      return;
    }
    TaskGraph g = runs.get(runId);
    if (g == null) {
      LOG.debug("record {} of unknown run {} ignored", r.seq(), runId);
      return;
    }
    if (r.type().equals(RUN_PATCHED)) {
      PatchPlan plan = plan(g, d.get("patch"));
      runs.put(runId, plan.graph);
      events.add(new RunEvent(RUN_PATCHED, at, runId, "re-scheduled " + plan.result.impacted()));
      return;
    }
    if (!d.has("task")) {
      return; // a record of another component (e.g. a journaled event)
    }
    TaskId id = TaskId.of(d.get("task").asText());
    TaskState s = g.state(id);
    switch (r.type()) {
      case STARTED -> g.put(new TaskState(s.spec(), TaskStatus.RUNNING, d.get("attempt").asInt(), s.failures(),
          null, null, null));
      case SUCCEEDED -> {
        g.put(new TaskState(s.spec(), TaskStatus.SUCCEEDED, s.attempts(), s.failures(), d.get("result"), null,
            Duration.ofMillis(d.get("actualMs").asLong())));
        for (TaskId ready : g.promoteDependants(id)) {
          events.add(event("task.ready", at, runId, g.state(ready), ""));
        }
      }
      case ATTEMPT_FAILED -> g.put(new TaskState(s.spec(), TaskStatus.READY, s.attempts(), s.failures() + 1, null,
          d.get("error").asText(), Duration.ofMillis(d.get("actualMs").asLong())));
      case FAILED -> {
        g.put(s.with(TaskStatus.FAILED, d.get("error").asText()));
        skip(g, runId, id, "dependency " + id + " failed: " + d.get("error").asText(), at, events);
      }
      case CANCELLED -> {
        g.put(s.with(TaskStatus.CANCELLED, d.get("cause").asText()));
        skip(g, runId, id, "dependency " + id + " was cancelled: " + d.get("cause").asText(), at, events);
      }
      case INTERRUPTED -> {
        if (d.get("policy").asText().equals("fail")) {
          g.put(s.with(TaskStatus.FAILED, "interrupted by a crash during attempt " + s.attempts()));
          skip(g, runId, id, "dependency " + id + " was interrupted", at, events);
        } else {
          g.put(s.with(TaskStatus.READY, "interrupted by a crash during attempt " + s.attempts()));
        }
      }
      case ESTIMATED -> g.put(new TaskState(s.spec().withEstimate(new TaskEstimate(
          Duration.ofMillis(d.get("estimateMs").asLong()), d.get("costUsd").asDouble())),
          s.status(), s.attempts(), s.failures(), s.result(), s.error(), s.actual()));
      default -> {
        return;
      }
    }
    TaskState now = g.state(id);
    events.add(event(r.type(), at, runId, now, now.error()));
  }

  private void skip(TaskGraph g, String runId, TaskId id, String cause, Instant at, List<Event> events) {
    for (TaskId skipped : g.skipDownstream(id, cause)) {
      events.add(event("task.skipped", at, runId, g.state(skipped), cause));
    }
  }

  private static TaskEvent event(String topic, Instant at, String runId, TaskState s, String detail) {
    return new TaskEvent(topic, at, runId, s.id(), s.status(), s.attempts(), detail);
  }

  // ------------------------------------------------------------------ patches

  private record PatchPlan(TaskGraph graph, PatchResult result) {}

  private static PatchPlan plan(TaskGraph g, JsonNode patch) {
    JsonNode doc = JsonPatch.apply(TaskSpecs.toJson(g.specs()), patch);
    List<TaskSpec> specs = TaskSpecs.fromJson(doc);
    TaskGraph next = TaskGraph.of(specs);
    Map<TaskId, TaskSpec> old = new LinkedHashMap<>();
    for (TaskSpec s : g.specs()) {
      old.put(s.id(), s);
    }
    List<TaskId> added = new ArrayList<>();
    List<TaskId> changed = new ArrayList<>();
    for (TaskSpec s : specs) {
      TaskSpec o = old.get(s.id());
      if (o == null) {
        added.add(s.id());
      } else if (!o.equals(s)) {
        changed.add(s.id());
      }
    }
    List<TaskId> removed = new ArrayList<>();
    for (TaskId id : old.keySet()) {
      if (!next.contains(id)) {
        removed.add(id);
      }
    }
    // impacted: added and changed tasks and everything downstream of them in the new graph
    Set<TaskId> impacted = new LinkedHashSet<>();
    ArrayDeque<TaskId> queue = new ArrayDeque<>(added);
    queue.addAll(changed);
    while (!queue.isEmpty()) {
      TaskId id = queue.poll();
      if (impacted.add(id)) {
        queue.addAll(next.dependants(id));
      }
    }
    List<TaskId> finished = new ArrayList<>();
    for (TaskId id : impacted) {
      if (old.containsKey(id) && touchedIllegally(g.state(id))) {
        finished.add(id);
      }
    }
    for (TaskId id : removed) {
      if (touchedIllegally(g.state(id))) {
        finished.add(id);
      }
    }
    if (!finished.isEmpty()) {
      throw new TaskGraphException(Kind.FINISHED_TASK, finished, "the patch would change, remove or re-schedule "
          + "tasks that are running or finished: " + finished.stream().map(id -> id + " (" + g.state(id).status() + ")").toList());
    }
    Set<TaskId> keep = new HashSet<>();
    for (TaskSpec s : specs) {
      if (!impacted.contains(s.id())) {
        keep.add(s.id());
        next.put(g.state(s.id()));
      }
    }
    for (TaskSpec s : specs) {
      if (!keep.contains(s.id())) {
        next.refreshReady(next.indexOf(s.id()));
      }
    }
    List<TaskId> order = next.topologicalOrderIds();
    List<TaskId> impactedOrdered = order.stream().filter(impacted::contains).toList();
    return new PatchPlan(next, new PatchResult(added, changed, removed, impactedOrdered));
  }

  private static boolean touchedIllegally(TaskState s) {
    return s.status().isTerminal() || s.status() == TaskStatus.RUNNING;
  }

  // ------------------------------------------------------------------ snapshots

  private ObjectNode state() {
    ObjectNode root = nodes.objectNode();
    ObjectNode rs = root.putObject("runs");
    for (Map.Entry<String, TaskGraph> e : runs.entrySet()) {
      ObjectNode r = rs.putObject(e.getKey());
      r.set("tasks", TaskSpecs.toJson(e.getValue().specs()));
      ObjectNode st = r.putObject("states");
      for (TaskState s : e.getValue().states()) {
        ObjectNode t = st.putObject(s.id().value());
        t.put("status", s.status().name());
        t.put("attempts", s.attempts());
        t.put("failures", s.failures());
        if (s.result() != null) {
          t.set("result", s.result());
        }
        if (s.error() != null) {
          t.put("error", s.error());
        }
        if (s.actual() != null) {
          t.put("actualMs", s.actual().toMillis());
        }
      }
    }
    return root;
  }

  private void restore(Snapshot snapshot) {
    JsonNode rs = snapshot.state().path("runs");
    for (Map.Entry<String, JsonNode> e : rs.properties()) {
      TaskGraph g = TaskGraph.of(TaskSpecs.fromJson(e.getValue().get("tasks")));
      for (Map.Entry<String, JsonNode> t : e.getValue().get("states").properties()) {
        JsonNode n = t.getValue();
        TaskState s = g.state(TaskId.of(t.getKey()));
        g.put(new TaskState(s.spec(), TaskStatus.valueOf(n.get("status").asText()), n.get("attempts").asInt(),
            n.get("failures").asInt(), n.get("result"), n.has("error") ? n.get("error").asText() : null,
            n.has("actualMs") ? Duration.ofMillis(n.get("actualMs").asLong()) : null));
      }
      runs.put(e.getKey(), g);
    }
  }
}
