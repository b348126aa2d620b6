package io.nootropic.runtime.executor;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.nootropic.api.agent.CancellationToken;
import io.nootropic.api.task.TaskId;
import io.nootropic.api.task.TaskStatus;
import io.nootropic.runtime.task.CriticalPathGuardRail;
import io.nootropic.runtime.task.CriticalPathGuardRail.Admission;
import io.nootropic.runtime.task.RetrySpec;
import io.nootropic.runtime.task.TaskAttempt;
import io.nootropic.runtime.task.TaskGraph;
import io.nootropic.runtime.task.TaskGraphException;
import io.nootropic.runtime.task.TaskGraphService;
import io.nootropic.runtime.task.TaskSpec;
import io.nootropic.runtime.task.TaskState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Runs the tasks of a run in a [TaskGraphService].
///
/// Ready tasks run on virtual threads, at most [ExecutorConfig#parallelism()] at once, critical
/// ones first. Every attempt is cleared by the [CriticalPathGuardRail], journaled before it runs
/// and traced as a span (`nootropic.critical_path=true` on critical tasks). An attempt that throws
/// or passes its timeout is retried with exponential backoff through a Resilience4j [Retry] built
/// from the task's [RetrySpec]; a task that runs out of attempts fails and its dependants are
/// skipped with the cause. Execution is at-least-once (after a crash a running task is retried
/// with the same idempotency key); the service records each completion once.
public final class TaskExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(TaskExecutor.class);
  private static final AttributeKey<String> RUN = AttributeKey.stringKey("nootropic.run.id");
  private static final AttributeKey<String> TASK = AttributeKey.stringKey("nootropic.task.id");
  private static final AttributeKey<String> CAPABILITY = AttributeKey.stringKey("nootropic.task.capability");
  private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("nootropic.task.attempt");
  private static final AttributeKey<Boolean> CRITICAL = AttributeKey.booleanKey(CriticalPathGuardRail.CRITICAL_PATH_ATTRIBUTE);

  private final TaskGraphService graphs;
  private final CapabilityResolver capabilities;
  private final ExecutorConfig config;
  private final CriticalPathGuardRail guardRail;
  private final Tracer tracer;

  /// Creates an executor.
  public TaskExecutor(TaskGraphService graphs, CapabilityResolver capabilities, ExecutorConfig config) {
    this.graphs = Objects.requireNonNull(graphs, "graphs");
    this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    this.config = Objects.requireNonNull(config, "config");
    this.guardRail = new CriticalPathGuardRail(graphs, config.driftFactor(), config.events(), config.clock());
    this.tracer = config.openTelemetry().getTracer("io.nootropic.runtime.executor");
  }

  /// The guard rail this executor clears tasks with.
  public CriticalPathGuardRail guardRail() {
    return guardRail;
  }

  /// Runs (or resumes) a run to its end and returns how it ended.
  public RunResult run(String runId) throws InterruptedException {
    return start(runId).await();
  }

  /// Starts (or resumes) a run in the background.
  ///
  /// @throws TaskGraphException when the run does not exist
  public RunHandle start(String runId) {
    if (!graphs.hasRun(runId)) {
      throw new TaskGraphException(TaskGraphException.Kind.UNKNOWN_TASK, java.util.List.of(), "no run '" + runId + "'");
    }
    Execution e = new Execution(runId);
    Thread.ofVirtual().name("run-" + runId).start(e::loop);
    return e;
  }

  /// One run being executed.
  private final class Execution implements RunHandle {
    private final String runId;
    private final Semaphore permits = new Semaphore(config.parallelism());
    private final Map<TaskId, Running> running = new ConcurrentHashMap<>();
    private final Set<TaskId> dispatched = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<TaskId> finished = new LinkedBlockingQueue<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile RunResult result;

    Execution(String runId) {
      this.runId = runId;
    }

    void loop() {
      try {
        while (true) {
          if (cancelled.get()) {
            graphs.cancelRun(runId, "run cancelled");
            running.values().forEach(Running::interrupt);
          }
          for (TaskId id : graphs.ready(runId, permits.availablePermits() + dispatched.size())) {
            if (cancelled.get() || dispatched.contains(id)) {
              continue;
            }
            if (!permits.tryAcquire()) {
              break;
            }
            dispatched.add(id);
            Running r = new Running(id);
            running.put(id, r);
            r.thread = Thread.ofVirtual().name("task-" + id).start(() -> runTask(r));
          }
          if (dispatched.isEmpty() && running.isEmpty()) {
            break;
          }
          TaskId f = finished.poll(1, TimeUnit.SECONDS);
          if (f != null) {
            dispatched.remove(f);
            for (TaskId more; (more = finished.poll()) != null; ) {
              dispatched.remove(more);
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.error("run {} stopped: {}", runId, e.toString(), e);
      } finally {
        result = snapshot();
        done.countDown();
      }
    }

    private RunResult snapshot() {
      TaskGraph g = graphs.graph(runId);
      Map<TaskId, TaskStatus> statuses = new LinkedHashMap<>();
      Map<TaskId, String> errors = new LinkedHashMap<>();
      for (TaskId id : g.topologicalOrderIds()) {
        TaskState s = g.state(id);
        statuses.put(id, s.status());
        if (s.status() != TaskStatus.SUCCEEDED && s.error() != null) {
          errors.put(id, s.error());
        }
      }
      return new RunResult(runId, statuses, g.results(), errors);
    }

    private void runTask(Running r) {
      try {
        execute(r);
      } catch (RuntimeException e) {
        LOG.error("task {} of run {} crashed the executor: {}", r.id, runId, e.toString(), e);
        safeFail(r.id, "executor error: " + e);
      } finally {
        running.remove(r.id);
        permits.release();
        finished.add(r.id);
      }
    }

    private void execute(Running r) {
      TaskState state = graphs.state(runId, r.id);
      TaskSpec spec = state.spec();
      Admission admission = guardRail.admit(runId, r.id);
      Optional<TaskCapability> cap = capabilities.resolve(spec.capability());
      if (cap.isEmpty()) {
        safeFail(r.id, "no task capability named '" + spec.capability() + "' is registered");
        return;
      }
      RetrySpec rs = spec.retry();
      int remaining = rs.maxAttempts() - state.failures();
      if (remaining <= 0) {
        safeFail(r.id, "retries exhausted: " + state.failures() + " of " + rs.maxAttempts() + " attempts failed; last: "
            + state.error());
        return;
      }
      Retry retry = Retry.of(runId + "/" + r.id, RetryConfig.custom()
          .maxAttempts(remaining)
          .intervalFunction(IntervalFunction.ofExponentialBackoff(
              rs.initialBackoff().toMillis(), rs.multiplier(), rs.maxBackoff().toMillis()))
          .retryOnException(t -> !(t instanceof NonRetryableTaskException) && !r.cancelled())
          .build());
      Duration timeout = spec.timeout() != null ? spec.timeout() : config.defaultTimeout();
      try {
        retry.executeCallable(() -> attempt(r, cap.get(), spec, admission, timeout));
      } catch (Exception e) {
        if (!r.cancelled() && !cancelled.get()) {
          safeFail(r.id, describe(e));
        }
      }
    }

    private JsonNode attempt(Running r, TaskCapability cap, TaskSpec spec, Admission admission, Duration timeout)
        throws Exception {
      TaskAttempt a;
      try {
        a = graphs.start(runId, r.id);
      } catch (TaskGraphException e) {
        throw new NonRetryableTaskException("task " + r.id + " can no longer start: " + e.getMessage(), e);
      }
      Span span = tracer.spanBuilder("task " + r.id)
          .setAttribute(RUN, runId)
          .setAttribute(TASK, r.id.value())
          .setAttribute(CAPABILITY, spec.capability())
          .setAttribute(ATTEMPT, (long) a.attempt())
          .setAttribute(CRITICAL, admission.critical())
          .startSpan();
      long t0 = System.nanoTime();
      AtomicBoolean timedOut = new AtomicBoolean();
      CancellationToken token = () -> r.cancelled() || cancelled.get() || timedOut.get();
      TaskContext ctx = new TaskContext(runId, r.id, a.attempt(), a.idempotencyKey(), spec.inputs(),
          graphs.dependencyResults(runId, r.id), token);
      FutureTask<JsonNode> f = new FutureTask<>(Context.current().with(span).wrap(() -> cap.execute(ctx)));
      r.future = f;
      try {
        Thread.ofVirtual().name("attempt-" + r.id + "-" + a.attempt()).start(f);
        JsonNode out = waitFor(f, t0, timeout, admission, span);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (!graphs.succeed(a, out, took)) {
          throw new NonRetryableTaskException("completion of " + r.id + " attempt " + a.attempt() + " was refused");
        }
        span.setStatus(StatusCode.OK);
        return out;
      } catch (TimeoutException e) {
        timedOut.set(true);
        f.cancel(true);
        String msg = "attempt " + a.attempt() + " timed out after " + timeout.toMillis() + " ms";
        recordFailure(a, span, msg, t0);
        throw new TaskTimeoutException("task " + r.id + ": " + msg);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        recordFailure(a, span, describe(cause), t0);
        if (cause instanceof Exception ex) {
          throw ex;
        }
        throw new NonRetryableTaskException("task " + r.id + " threw " + cause, cause);
      } catch (CancellationException | InterruptedException e) {
        f.cancel(true);
        recordFailure(a, span, "cancelled", t0);
        throw new NonRetryableTaskException("task " + r.id + " was cancelled", e);
      } finally {
        span.end();
      }
    }

    private JsonNode waitFor(FutureTask<JsonNode> f, long t0, Duration timeout, Admission admission, Span span)
        throws ExecutionException, InterruptedException, TimeoutException {
      long deadline = t0 + timeout.toNanos();
      long driftAt = admission.driftAfter() == null ? Long.MAX_VALUE : t0 + admission.driftAfter().toNanos();
      while (true) {
        long now = System.nanoTime();
        long until = Math.min(deadline, driftAt);
        try {
          return f.get(Math.max(0, until - now), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          if (System.nanoTime() - deadline >= 0) {
            throw e;
          }
          if (guardRail.checkDrift(admission, Duration.ofNanos(System.nanoTime() - t0))) {
            span.addEvent("nootropic.drift");
          }
          driftAt = Long.MAX_VALUE;
        }
      }
    }

    private void recordFailure(TaskAttempt a, Span span, String message, long t0) {
      span.setStatus(StatusCode.ERROR, message);
      graphs.attemptFailed(a, message, Duration.ofNanos(System.nanoTime() - t0));
    }

    private void safeFail(TaskId id, String message) {
      try {
        graphs.fail(runId, id, message);
      } catch (RuntimeException e) {
        LOG.error("could not record failure of {}: {}", id, e.toString());
      }
    }

    @Override
    public String runId() {
      return runId;
    }

    @Override
    public void cancel() {
      cancelled.set(true);
      running.values().forEach(Running::interrupt);
      finished.add(TaskId.of("cancel"));
    }

    @Override
    public boolean cancel(TaskId task) {
      boolean changed = graphs.cancel(runId, task, "cancelled on request");
      Running r = running.get(task);
      if (r != null) {
        r.cancel = true;
        r.interrupt();
      }
      return changed;
    }

    @Override
    public RunResult await() throws InterruptedException {
      done.await();
      return result;
    }

    @Override
    public Optional<RunResult> await(Duration timeout) throws InterruptedException {
      return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? Optional.of(result) : Optional.empty();
    }

    @Override
    public boolean isDone() {
      return done.getCount() == 0;
    }
  }

  /// A task being executed.
  private static final class Running {
    final TaskId id;
    volatile Thread thread;
    volatile FutureTask<JsonNode> future;
    volatile boolean cancel;

    Running(TaskId id) {
      this.id = id;
    }

    boolean cancelled() {
      return cancel;
    }

    void interrupt() {
      FutureTask<JsonNode> f = future;
      if (f != null) {
        f.cancel(true);
      }
    }
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
