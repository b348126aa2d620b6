package io.nootropic.runtime.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.journal.JournalConfig;
import io.nootropic.runtime.journal.SyncPolicy;
import io.nootropic.runtime.task.RetrySpec;
import io.nootropic.runtime.task.TaskGraphService;
import io.nootropic.runtime.task.TaskSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/// The workflow of the crash test, run in a child JVM (`main`) and in-process for the reference.
///
/// 24 tasks in layers (about 5 s in all at parallelism 3); each sleeps, appends `key attempt` to an effects file (forced to disk, so
/// every started side effect is counted) and returns a value computed from its input and its
/// dependencies' results, so the final results depend on every task having run correctly.
public final class CrashWorkflow {

  static final String RUN = "crash";

  private CrashWorkflow() {}

  static List<TaskSpec> specs(double scale) {
    List<TaskSpec> out = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      List<String> deps = new ArrayList<>();
      if (i >= 4) {
        deps.add("w" + (i - 4));
        if (i % 3 == 0) {
          deps.add("w" + (i - 3));
        }
      }
      out.add(TaskSpec.of("w" + i, "crash.work", JsonNodeFactory.instance.objectNode().put("n", i).put("ms", (long) (scale * (400 + (i * 70) % 400))),
          Duration.ofMillis(400 + (i * 70) % 400), deps.toArray(String[]::new))
          .withRetry(new RetrySpec(3, Duration.ofMillis(5), 2.0, Duration.ofMillis(50))));
    }
    return out;
  }

  static TaskCapability work(Path effects) {
    return ctx -> {
      Thread.sleep(ctx.inputs().get("ms").asLong());
      String line = ctx.idempotencyKey() + " " + ctx.attempt() + "\n";
      try (FileChannel ch = FileChannel.open(effects, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        ch.force(false);
      }
      long v = ctx.inputs().get("n").asLong() * 31 + 7;
      for (JsonNode r : ctx.dependencyResults().values()) {
        v = v * 17 + r.get("v").asLong();
      }
      return JsonNodeFactory.instance.objectNode().put("v", v % 1_000_000_007L);
    };
  }

  /// Opens (or resumes) the workflow in `journal` and runs it to the end.
  static RunResult run(Path journal, Path effects, double scale) throws IOException, InterruptedException {
    return run(journal, effects, scale, 0, SyncPolicy.EVERY_RECORD);
  }

  static RunResult run(Path journal, Path effects, double scale, int snapshotEvery, SyncPolicy sync)
      throws IOException, InterruptedException {
    try (TaskGraphService s = TaskGraphService.open(
        FileTaskStore.open(journal, JournalConfig.custom().syncPolicy(sync).build()),
        TaskGraphService.Options.defaults().withSnapshotEvery(snapshotEvery))) {
      if (!s.hasRun(RUN)) {
        s.createRun(RUN, specs(scale));
      }
      return new TaskExecutor(s, CapabilityResolver.of(Map.of("crash.work", work(effects))),
          ExecutorConfig.ofDefaults().withParallelism(3)).run(RUN);
    }
  }

  /// Child JVM entry point: `journalDir effectsFile [snapshotEvery [syncPolicy]]`; exits 0 when the
  /// run succeeded.
  public static void main(String[] args) throws Exception {
    int snapshotEvery = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    SyncPolicy sync = args.length > 3 ? SyncPolicy.valueOf(args[3]) : SyncPolicy.EVERY_RECORD;
    RunResult r = run(Path.of(args[0]), Path.of(args[1]), 1.0, snapshotEvery, sync);
    System.exit(r.succeeded() ? 0 : 3);
  }
}
