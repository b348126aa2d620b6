package io.nootropic.agents.command;

import io.nootropic.agents.command.CommandException.Kind;
import io.nootropic.agents.workspace.Workspace;
import io.nootropic.api.agent.HumanAnswer;
import io.nootropic.api.agent.HumanQuestion;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/// Runs a model's commands: an argv list, never a shell, in a folder inside the workspace.
///
/// - The program must be on the run's allow-list ([CommandPolicy]) and is looked up on the
///   system `PATH` only: `PATH` entries that are relative or inside the workspace are skipped,
///   so a model cannot plant a program there. The project's own `mvnw`/`gradlew` at the root
///   are the one exception (they are protected files a model cannot change unapproved).
/// - Shells and program launchers (`sh`, `bash`, `env`, `xargs`, `sudo`, ...) are never run, and
///   shell syntax (`|`, `&&`, `>`, ...) is refused with a message: there is no shell to read it.
/// - Flags that run other programs or reach outside (`git -c`, `git config`, `find -exec`,
///   `mvn exec:`, `npm exec`, ...) and arguments naming paths outside the workspace need a
///   person's approval.
/// - The environment is the process's own minus every variable whose name looks secret
///   (`*_KEY`, `*_TOKEN`, `*_SECRET`, `*_PASSWORD`, cloud credentials), plus what the host passes
///   on purpose; `GIT_DIR` and its kin are removed and `GIT_CEILING_DIRECTORIES` set so git stays
///   in the workspace (it never finds a repository above the root).
/// - A timeout kills the command and every process it started (descendants are tracked while it
///   runs, so orphans are killed too); at exit, leftover descendants are killed as well.
/// - Output is capped: the head and the tail of each stream are kept.
public final class CommandRunner {

  private static final Set<String> SHELLS_AND_LAUNCHERS = Set.of("sh", "bash", "zsh", "dash", "ksh", "csh", "tcsh",
      "fish", "ash", "busybox", "cmd", "cmd.exe", "powershell", "pwsh", "env", "xargs", "sudo", "su", "doas", "nohup",
      "setsid", "timeout", "nice", "ionice", "time", "watch", "strace", "ltrace", "chroot", "unshare", "nsenter",
      "script", "expect", "eval", "exec", "parallel", "runuser", "systemd-run", "at", "batch", "crontab");
  private static final Set<String> SHELL_SYNTAX = Set.of("|", "||", "&&", "&", ";", ">", ">>", "<", "<<", "2>",
      "2>&1", "&>", "1>", "|&", "$(", "`");
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(_KEY|_KEYS|_TOKEN|_TOKENS|_SECRET|_SECRETS|_PASSWORD|_PASSWD|_PASS|_CREDENTIAL|_CREDENTIALS|_AUTH|_COOKIE)$"
          + "|(?i)^(AWS_|AZURE_|GOOGLE_APPLICATION|GCP_|GCLOUD_|GH_TOKEN|GITHUB_TOKEN|GITLAB_TOKEN|NPM_TOKEN|NODE_AUTH"
          + "|OPENAI_|ANTHROPIC_|HF_TOKEN|HUGGING_FACE|DOCKER_AUTH|KUBECONFIG|SSH_AUTH_SOCK|VAULT_|TWINE_|CARGO_REGISTRY"
          + "|DATABASE_URL|PGPASSWORD|MYSQL_PWD).*");
  private static final Set<String> REDIRECTING_ENV = Set.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
      "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM",
      "GIT_CONFIG_COUNT", "GIT_EXEC_PATH", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS", "GIT_EDITOR", "GIT_PAGER",
      "GIT_EXTERNAL_DIFF", "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "BASH_ENV", "ENV", "PROMPT_COMMAND");
  private static final Set<String> WRAPPERS = Set.of("mvnw", "gradlew");

  private final Workspace workspace;
  private final CommandPolicy policy;

  /// A runner for `workspace` under `policy`.
  public CommandRunner(Workspace workspace, CommandPolicy policy) {
    this.workspace = Objects.requireNonNull(workspace, "workspace");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /// The policy commands run under.
  public CommandPolicy policy() {
    return policy;
  }

  /// Runs `argv` in the workspace folder `cwd` (`""` or `.` for the root) with the policy's timeout.
  ///
  /// @throws CommandException when the command is refused or cannot start
  /// @throws io.nootropic.agents.workspace.WorkspaceException when `cwd` is refused
  public CommandResult run(List<String> argv, String cwd) {
    return run(argv, cwd, policy.timeout());
  }

  /// Runs `argv` in the workspace folder `cwd`, killed after `timeout` (capped by the policy's).
  ///
  /// @throws CommandException when the command is refused or cannot start
  /// @throws io.nootropic.agents.workspace.WorkspaceException when `cwd` is refused
  public CommandResult run(List<String> argv, String cwd, Duration timeout) {
    Objects.requireNonNull(argv, "argv");
    Path dir = workspace.folder(cwd == null ? "" : cwd);
    String relCwd = workspace.relativize(dir);
    List<String> resolved = check(argv, dir);
    Duration limit = timeout == null || timeout.compareTo(policy.timeout()) > 0 ? policy.timeout() : timeout;
    ProcessBuilder pb = new ProcessBuilder(resolved).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    scrub(pb.environment());
    Instant start = Instant.now();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new CommandException(Kind.COMMAND_FAILED_TO_START, "cannot start " + argv.getFirst() + ": " + e.getMessage(), e);
    }
    Capture out = new Capture(p.getInputStream(), policy.maxOutputBytes());
    Capture err = new Capture(p.getErrorStream(), policy.maxOutputBytes());
    Map<Long, Instant> seen = new HashMap<>();
    boolean timedOut = false;
    try {
      long deadline = System.nanoTime() + limit.toNanos();
      while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
        track(p, seen);
        if (System.nanoTime() >= deadline) {
          timedOut = true;
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      timedOut = true;
    } finally {
      track(p, seen);
      killTree(p, seen);
    }
    int code = timedOut ? -1 : p.exitValue();
    String stdout = out.text();
    String stderr = err.text();
    if (timedOut) {
      stderr = stderr + (stderr.isEmpty() || stderr.endsWith("\n") ? "" : "\n") + "[killed after " + limit.toSeconds()
          + " s, with every process it started]";
    }
    return new CommandResult(resolved, relCwd, code, timedOut, stdout, stderr, out.total() + err.total(),
        out.truncated() || err.truncated(), Duration.between(start, Instant.now()));
  }

  // ------------------------------------------------------------------ checks

  private List<String> check(List<String> argv, Path cwd) {
    if (argv.isEmpty() || argv.getFirst().isBlank()) {
      throw new CommandException(Kind.INVALID_COMMAND, "no command given; give the program and its arguments as a list");
    }
    for (String a : argv) {
      if (a == null || a.indexOf('\0') >= 0) {
        throw new CommandException(Kind.INVALID_COMMAND, "an argument holds a NUL byte or is missing");
      }
    }
    String program = argv.getFirst();
    if (argv.size() == 1 && program.contains(" ")) {
      throw new CommandException(Kind.INVALID_COMMAND, "'" + program + "' looks like a shell command line; give the"
          + " program and each argument as separate items, e.g. [\"git\", \"status\"]");
    }
    String name = program.startsWith("./") ? program.substring(2) : program;
    if (SHELLS_AND_LAUNCHERS.contains(name.toLowerCase(Locale.ROOT))) {
      throw new CommandException(Kind.COMMAND_NOT_ALLOWED, "'" + name + "' is a shell or runs other programs; commands"
          + " run without a shell: run the program itself");
    }
    if (!policy.allowedPrograms().contains(name)) {
      throw new CommandException(Kind.COMMAND_NOT_ALLOWED, "'" + program + "' is not an allowed program; allowed: "
          + (policy.allowedPrograms().isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(policy.allowedPrograms()))));
    }
    Path exe;
    if (WRAPPERS.contains(name)) {
      exe = wrapper(name);
    } else {
      if (name.contains("/") || name.contains("\\")) {
        throw new CommandException(Kind.COMMAND_NOT_ALLOWED, "'" + program + "' is a path; name an allowed program,"
            + " which is looked up on the system PATH");
      }
      exe = onSystemPath(name).orElseThrow(() -> new CommandException(Kind.COMMAND_NOT_ALLOWED, "'" + name
          + "' is allowed but not found on the system PATH (entries inside the workspace are not searched)"));
    }
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (SHELL_SYNTAX.contains(a.strip()) || a.startsWith("$(") || (a.startsWith("`") && a.endsWith("`") && a.length() > 1)) {
        throw new CommandException(Kind.INVALID_COMMAND, "'" + a + "' is shell syntax, but commands run without a"
            + " shell: no pipes, redirections, command lists or substitutions; run one program at a time");
      }
    }
    String danger = danger(name, argv.subList(1, argv.size()), cwd);
    if (danger != null) {
      approve(argv, danger);
    }
    List<String> out = new ArrayList<>(argv);
    out.set(0, exe.toString());
    return out;
  }

  /// Why the arguments need approval, or `null`.
  private String danger(String program, List<String> args, Path cwd) {
    for (String a : args) {
      String outside = outsidePath(a, cwd);
      if (outside != null) {
        return "the argument '" + a + "' names " + outside + ", outside the workspace";
      }
    }
    String p = program.toLowerCase(Locale.ROOT);
    switch (p) {
      case "git" -> {
        for (String a : args) {
          if (a.equals("-c") || a.startsWith("-c") && a.length() > 2 && a.contains("=") || a.startsWith("--config-env")
              || a.startsWith("--exec-path") || a.equals("-C") || a.startsWith("--git-dir") || a.startsWith("--work-tree")
              || a.startsWith("--upload-pack") || a.startsWith("--receive-pack") || a.startsWith("--namespace")
              || a.startsWith("--ext-diff") || a.startsWith("--textconv") || a.startsWith("--open-files-in-pager")) {
            return "git '" + a + "' can run other programs or leave the workspace";
          }
        }
        String sub = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        if (Set.of("config", "clone", "fetch", "pull", "push", "remote", "submodule", "daemon", "filter-branch",
            "instaweb", "credential", "difftool", "mergetool", "send-email", "svn", "p4", "bisect").contains(sub)) {
          return "'git " + sub + "' changes configuration, reaches the network or runs other programs";
        }
      }
      case "find" -> {
        for (String a : args) {
          if (Set.of("-exec", "-execdir", "-ok", "-okdir", "-delete", "-fprint", "-fprint0", "-fprintf", "-fls").contains(a)) {
            return "find '" + a + "' runs programs or changes files";
          }
        }
      }
      case "mvn", "mvnw" -> {
        for (String a : args) {
          String l = a.toLowerCase(Locale.ROOT);
          if (l.startsWith("exec:") || l.contains(":exec-maven-plugin") || l.contains(":exec:") || l.startsWith("antrun:")
              || l.contains("maven-antrun-plugin") || l.startsWith("-dexec.") || l.startsWith("-dantrun")
              || l.equals("-s") || l.startsWith("--settings") || l.equals("-gs") || l.startsWith("--global-settings")
              || l.startsWith("-dmaven.repo.local") || l.startsWith("deploy") || l.startsWith("release:")) {
            return "mvn '" + a + "' runs other programs, changes settings or publishes";
          }
        }
      }
      case "gradle", "gradlew" -> {
        for (String a : args) {
          if (a.equals("-I") || a.startsWith("--init-script") || a.startsWith("-Dorg.gradle.java.home")
              || a.equals("publish") || a.startsWith("publishTo")) {
            return "gradle '" + a + "' runs another script or publishes";
          }
        }
      }
      case "npm", "pnpm", "yarn" -> {
        String sub = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        if (Set.of("exec", "x", "dlx", "publish", "config", "set", "login", "adduser", "token", "create", "init").contains(sub)) {
          return p + " '" + sub + "' runs packages from the network, publishes or changes configuration";
        }
      }
      case "npx", "pnpx", "bunx", "uvx", "pipx" -> {
        return p + " downloads and runs packages";
      }
      case "pip", "pip3", "uv" -> {
        String sub = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        if (Set.of("install", "download", "uninstall", "config").contains(sub)) {
          return p + " '" + sub + "' changes installed packages or configuration";
        }
      }
      case "python", "python3", "node", "ruby", "perl", "php", "java", "jshell", "deno", "bun" -> {
        for (String a : args) {
          if (Set.of("-c", "-e", "--eval", "-p", "--print", "-E", "-x", "-r").contains(a)) {
            return p + " '" + a + "' runs code given on the command line";
          }
        }
      }
      default -> { }
    }
    return null;
  }

  /// The outside path an argument names (an absolute path not under the root, `~`, or `..`
  /// climbing out of the workspace from `cwd`), else `null`.
  private String outsidePath(String arg, Path cwd) {
    String v = arg;
    int eq = v.indexOf('=');
    if (v.startsWith("-") && eq > 0) {
      v = v.substring(eq + 1);
    }
    if (v.startsWith("~")) {
      return "the home folder";
    }
    if (v.startsWith("/")) {
      Path p = Path.of(v).normalize();
      return p.startsWith(workspace.root()) ? null : v;
    }
    if (v.contains("..")) {
      try {
        Path p = cwd.resolve(v).normalize();
        return p.startsWith(workspace.root()) ? null : p.toString();
      } catch (java.nio.file.InvalidPathException e) {
        return null;
      }
    }
    return null;
  }

  private void approve(List<String> argv, String why) {
    HumanAnswer answer = policy.approver().ask(new HumanQuestion("", "Allow the command " + String.join(" ", argv) + "?",
        "The agent asked to run " + argv + ": " + why + ".", List.of("approve", "deny"),
        Map.of("program", argv.getFirst(), "approval.kind", "command")), policy.approvalTimeout());
    if (!answer.approved()) {
      throw new CommandException(Kind.DANGEROUS_COMMAND, "refused: " + why + ", and " + (answer.timedOut()
          ? "nobody approved it" : "it was denied" + (answer.guidance().isEmpty() ? "" : ": " + answer.guidance()))
          + "; do without it");
    }
  }

  private Path wrapper(String name) {
    Path w = workspace.root().resolve(name);
    if (!workspace.isProtected(name)) {
      throw new CommandException(Kind.COMMAND_NOT_ALLOWED, "the build wrapper " + name + " is not protected in this"
          + " workspace, so a model could have changed it; run the system's build tool instead");
    }
    if (!Files.isRegularFile(w, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.isExecutable(w)) {
      throw new CommandException(Kind.COMMAND_NOT_ALLOWED, "there is no executable " + name + " at the workspace root");
    }
    return w;
  }

  /// The program on the system `PATH`, skipping relative entries and entries inside the workspace.
  private Optional<Path> onSystemPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path dir = Path.of(entry);
      if (!dir.isAbsolute()) {
        continue;
      }
      try {
        Path real = dir.toRealPath();
        if (real.startsWith(workspace.root()) || dir.normalize().startsWith(workspace.root())) {
          continue;
        }
        Path exe = real.resolve(name);
        if (Files.isRegularFile(exe) && Files.isExecutable(exe) && !exe.toRealPath().startsWith(workspace.root())) {
          return Optional.of(exe);
        }
      } catch (IOException e) {
        // a PATH entry that does not exist
      }
    }
    return Optional.empty();
  }

  private void scrub(Map<String, String> env) {
    env.keySet().removeIf(k -> SECRET_NAME.matcher(k).matches() || REDIRECTING_ENV.contains(k)
        || k.startsWith("GIT_CONFIG_KEY_") || k.startsWith("GIT_CONFIG_VALUE_"));
    env.putAll(policy.passedEnv());
    env.put("GIT_TERMINAL_PROMPT", "0");
    // git must not find a repository above the workspace (a workspace inside a bigger repository)
    Path parent = workspace.root().getParent();
    if (parent != null) {
      env.put("GIT_CEILING_DIRECTORIES", parent.toString());
    }
    env.put("CI", env.getOrDefault("CI", "true"));
  }

  // ------------------------------------------------------------------ processes

  private static void track(Process p, Map<Long, Instant> seen) {
    p.descendants().forEach(h -> h.info().startInstant().ifPresent(t -> seen.putIfAbsent(h.pid(), t)));
  }

  private static void killTree(Process p, Map<Long, Instant> seen) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    for (Map.Entry<Long, Instant> e : seen.entrySet()) {
      ProcessHandle.of(e.getKey()).ifPresent(h -> {
        // the same process, not a new one with a reused pid
        if (h.info().startInstant().map(t -> t.equals(e.getValue())).orElse(false)) {
          h.destroyForcibly();
        }
      });
    }
    if (p.isAlive()) {
      // only a live process: destroying an exited one would close its pipes before they are read
      p.destroyForcibly();
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /// A stream read on its own thread, keeping its first and last `max / 2` bytes.
  private static final class Capture {
    private final CompletableFuture<Void> done;
    private final int half;
    private final java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
    private final byte[] tail;
    private int tailLen;
    private int tailPos;
    private long total;

    Capture(InputStream in, int max) {
      this.half = max / 2;
      this.tail = new byte[half];
      this.done = CompletableFuture.runAsync(() -> pump(in), Thread::startVirtualThread);
    }

    private void pump(InputStream in) {
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) > 0) {
          synchronized (this) {
            for (int i = 0; i < n; i++) {
              total++;
              if (head.size() < half) {
                head.write(buf[i]);
              } else {
                tail[tailPos] = buf[i];
                tailPos = (tailPos + 1) % half;
                tailLen = Math.min(tailLen + 1, half);
              }
            }
          }
        }
      } catch (IOException e) {
        // the process was killed: keep what was read
      }
    }

    synchronized long total() {
      return total;
    }

    boolean truncated() {
      return total() > (long) half * 2;
    }

    String text() {
      try {
        done.get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // a grandchild holds the pipe open: use what was read so far
      }
      synchronized (this) {
        String h = head.toString(StandardCharsets.UTF_8);
        if (tailLen == 0) {
          return h;
        }
        byte[] t = new byte[tailLen];
        int startAt = tailLen < half ? 0 : tailPos;
        for (int i = 0; i < tailLen; i++) {
          t[i] = tail[(startAt + i) % half];
        }
        long elided = total - head.size() - tailLen;
        return h + (elided > 0 ? "\n[... " + elided + " bytes left out ...]\n" : "") + new String(t, StandardCharsets.UTF_8);
      }
    }
  }
}
