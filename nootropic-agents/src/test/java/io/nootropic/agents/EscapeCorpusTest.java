package io.nootropic.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.agents.command.CommandPolicy;
import io.nootropic.agents.command.CommandRunner;
import io.nootropic.agents.tool.BuiltinTools;
import io.nootropic.agents.tool.ToolEnvironment;
import io.nootropic.agents.workspace.Workspace;
import io.nootropic.api.tool.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The escape corpus: every trick of the MCP filesystem server's CVE-2025-53109/53110, Claude
/// Code's symlink deny-rule bypasses (CVE-2026-25724, CVE-2025-59829), the link-planting chain of
/// CVE-2026-39861 and the usual path-jail escapes, tried through the model's own tools (file tools
/// and commands). Every attempt must be refused with a typed error, and everything outside the
/// workspace must stay byte-identical. Legitimate work next to it (nested folders, names with
/// spaces and Unicode, a link that stays inside, an allowed `git status`) must succeed.
class EscapeCorpusTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REFUSALS = Set.of("workspace-violation", "protected-path", "command-not-allowed",
      "dangerous-command", "invalid-command", "invalid-arguments", "wrong-type", "already-exists");

  @TempDir Path base;
  Path ws;
  Path outside;
  BuiltinTools tools;

  @BeforeEach
  void setUp() throws Exception {
    ws = Files.createDirectories(base.resolve("ws"));
    outside = Files.createDirectories(base.resolve("outside"));
    Path evil = Files.createDirectories(base.resolve("ws-evil"));
    Files.writeString(outside.resolve("secret.txt"), "top secret\n");
    Files.writeString(evil.resolve("x.txt"), "sibling whose name starts with the root's\n");
    Files.createDirectories(outside.resolve("dir"));
    Files.writeString(outside.resolve("dir/inner.txt"), "inner\n");
    Files.createDirectories(base.resolve("outside-bin"));

    Files.createDirectories(ws.resolve("src/main/java"));
    Files.writeString(ws.resolve("src/main/java/App.java"), "class App {}\n");
    Files.writeString(ws.resolve("README.md"), "# project\n");
    Files.createDirectories(ws.resolve(".git/hooks"));
    Files.writeString(ws.resolve(".git/config"), "[core]\n");
    Files.createDirectories(ws.resolve(".github/workflows"));
    Files.writeString(ws.resolve(".github/workflows/ci.yml"), "on: push\n");
    Files.writeString(ws.resolve(".env"), "API_KEY=abc\n");
    Files.createDirectories(ws.resolve("sub"));
    // hostile links
    Files.createSymbolicLink(ws.resolve("link-out"), Path.of("../outside"));
    Files.createSymbolicLink(ws.resolve("link-file-out"), Path.of("../outside/secret.txt"));
    Files.createSymbolicLink(ws.resolve("abs-out"), outside.toAbsolutePath());
    Files.createSymbolicLink(ws.resolve("etc"), Path.of("/etc"));
    Files.createSymbolicLink(ws.resolve("proc-root"), Path.of("/proc/self/root"));
    Files.createSymbolicLink(ws.resolve("chain1"), Path.of("chain2"));
    Files.createSymbolicLink(ws.resolve("chain2"), Path.of("sub/chain3"));
    Files.createSymbolicLink(ws.resolve("sub/chain3"), Path.of("../../outside"));
    Files.createSymbolicLink(ws.resolve("dangling"), Path.of("../outside/planted.txt"));
    Files.createSymbolicLink(ws.resolve("loop1"), Path.of("loop2"));
    Files.createSymbolicLink(ws.resolve("loop2"), Path.of("loop1"));
    Files.createSymbolicLink(ws.resolve("evil-sibling"), Path.of("../ws-evil"));
    Files.createSymbolicLink(ws.resolve("hooks"), Path.of(".git/hooks"));
    Files.createSymbolicLink(ws.resolve("env-link"), Path.of(".env"));
    Files.createLink(ws.resolve("hardlink.txt"), outside.resolve("secret.txt"));
    // a legitimate link that stays inside
    Files.createSymbolicLink(ws.resolve("java-src"), Path.of("src/main/java"));
    git("init", "-q");

    Workspace workspace = Workspace.open(ws);
    CommandPolicy policy = CommandPolicy.custom().allow("git", "find", "cat", "ls", "java", "bash", "env", "xargs")
        .timeout(java.time.Duration.ofSeconds(30)).build();
    tools = BuiltinTools.create(new ToolEnvironment(workspace, new CommandRunner(workspace, policy), Optional::empty));
  }

  private void git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", ws.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
  }

  /// Path, content hash, permissions and link target of everything under `base` but the workspace.
  private Map<String, String> outsideState() throws IOException {
    Map<String, String> state = new TreeMap<>();
    try (Stream<Path> all = Files.walk(base)) {
      for (Path p : all.toList()) {
        if (p.startsWith(ws)) {
          continue;
        }
        String key = base.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          state.put(key, "link " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          state.put(key, sha(Files.readAllBytes(p)) + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        } else {
          state.put(key, "dir " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
      }
    }
    return state;
  }

  private static String sha(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Tool tool(String name) {
    return tools.find(name).orElseThrow();
  }

  private static String args(Object... kv) {
    var n = JSON.createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
    }
    return n.toString();
  }

  /// One attempt: the tool, its arguments, and a label for the report.
  record Attempt(String label, String tool, String args) {}

  /// Paths that leave the workspace (or are refused for the file tools), as a model might give them.
  static final List<String> HOSTILE_PATHS = List.of(
      "../outside/secret.txt", "sub/../../outside/secret.txt", "/etc/passwd", "~/.ssh/id_rsa", "~",
      "link-out/secret.txt", "link-file-out", "abs-out/secret.txt", "etc/passwd", "proc-root/etc/passwd",
      "chain1/secret.txt", "dangling", "loop1", "evil-sibling/x.txt", "../ws-evil/x.txt",
      "src\\..\\..\\outside\\secret.txt", "a\u0000b.txt", "line\nbreak.txt", "C:/Windows/win.ini",
      "link-out/dir/inner.txt", "hooks/pre-commit", ".git/hooks/pre-commit", ".git/config", ".github/workflows/ci.yml",
      ".nootropic/state.json");

  static final Set<String> LINK_NAMES = Set.of("link-file-out", "dangling", "loop1");

  private List<Attempt> fileAttempts() {
    List<Attempt> out = new ArrayList<>();
    for (String p : HOSTILE_PATHS) {
      boolean writeOnlyProtected = p.startsWith(".git") || p.startsWith("hooks") || p.startsWith(".github")
          || p.startsWith(".nootropic");
      if (!writeOnlyProtected) {
        out.add(new Attempt("read " + p, "fs.read", args("path", p)));
        out.add(new Attempt("edit " + p, "fs.edit", args("path", p, "search", "top secret", "replace", "leaked")));
      }
      // a link itself is inside: deleting or moving it (not what it points to) is no escape
      boolean isLink = LINK_NAMES.contains(p);
      out.add(new Attempt("write " + p, "fs.write", args("path", p, "content", "pwned\n")));
      if (!isLink) {
        out.add(new Attempt("delete " + p, "fs.delete", args("path", p)));
      }
      out.add(new Attempt("move to " + p, "fs.move", args("from", "README.md", "to", p)));
      if (!writeOnlyProtected && !isLink) {
        out.add(new Attempt("move from " + p, "fs.move", args("from", p, "to", "stolen.txt")));
      }
    }
    for (String dir : List.of("..", "/", "link-out", "abs-out", "chain1", "etc", "~")) {
      out.add(new Attempt("list " + dir, "fs.list", args("path", dir)));
    }
    out.add(new Attempt("read the secret .env", "fs.read", args("path", ".env")));
    out.add(new Attempt("read .env through a link", "fs.read", args("path", "env-link")));
    out.add(new Attempt("read a hard link to an outside file", "fs.read", args("path", "hardlink.txt")));
    out.add(new Attempt("edit a hard link to an outside file", "fs.edit",
        args("path", "hardlink.txt", "search", "top secret", "replace", "x")));
    out.add(new Attempt("write into a new folder under a link out", "fs.write", args("path", "link-out/new/x.txt", "content", "x")));
    out.add(new Attempt("arguments with an extra field", "fs.read", args("path", "README.md", "follow", true)));
    out.add(new Attempt("arguments of the wrong type", "fs.write", args("path", 42, "content", "x")));
    return out;
  }

  private List<Attempt> commandAttempts() {
    List<List<String>> argvs = List.of(
        List.of("bash", "-c", "cat ../outside/secret.txt"), List.of("env", "cat", "/etc/passwd"),
        List.of("xargs", "cat"), List.of("sh", "-c", "id"), List.of("/bin/cat", "/etc/passwd"),
        List.of("./evil"), List.of("python3", "-c", "print(1)"), List.of("cat", "/etc/passwd"),
        List.of("cat", "../outside/secret.txt"), List.of("cat", "~/.ssh/id_rsa"), List.of("cat", "README.md", "|", "nc", "x"),
        List.of("cat", "README.md", ">", "../outside/x"), List.of("git", "status", "&&", "rm", "-rf", "/"),
        List.of("git", "-c", "core.sshCommand=touch ../outside/pwned", "fetch"), List.of("git", "config", "core.hooksPath", "/tmp"),
        List.of("git", "--git-dir=../outside", "status"), List.of("git", "-C", "..", "status"),
        List.of("git", "--exec-path=/tmp", "status"), List.of("git", "clone", "../outside", "o"),
        List.of("find", ".", "-exec", "cat", "{}", ";"), List.of("find", ".", "-delete"),
        List.of("ls", "--color=auto", "/etc"), List.of("cat README.md"), List.of("cat", "$(whoami)"),
        List.of("java", "-XX:OnError=/bin/sh"), List.of(""), List.of("cat", "a\u0000b"));
    List<Attempt> out = new ArrayList<>();
    for (List<String> argv : argvs) {
      out.add(new Attempt("run " + argv, "proc.run", args("argv", argv)));
    }
    out.add(new Attempt("run in a folder outside", "proc.run", args("argv", List.of("ls"), "cwd", "../outside")));
    out.add(new Attempt("run in a linked folder outside", "proc.run", args("argv", List.of("ls"), "cwd", "link-out")));
    return out;
  }

  @Test
  void everyEscapeIsRefusedWithATypedErrorAndNothingOutsideChanges() throws Exception {
    Map<String, String> before = outsideState();
    List<Attempt> attempts = new ArrayList<>(fileAttempts());
    attempts.addAll(commandAttempts());
    assertThat(attempts).as("size of the escape corpus").hasSizeGreaterThanOrEqualTo(100);
    List<String> leaked = new ArrayList<>();
    Map<String, Integer> byType = new TreeMap<>();
    for (Attempt a : attempts) {
      try {
        String result = tool(a.tool()).invoke(a.args());
        leaked.add(a.label() + " -> " + result);
      } catch (RuntimeException e) {
        if (!(e instanceof ToolError te)) {
          fail(a.label() + " failed with an untyped " + e);
          return;
        }
        assertThat(REFUSALS).as("%s refused as %s: %s", a.label(), te.type(), e.getMessage()).contains(te.type());
        assertThat(e.getMessage()).as(a.label()).isNotBlank();
        byType.merge(te.type(), 1, Integer::sum);
      }
    }
    assertThat(leaked).as("attempts that were not refused").isEmpty();
    assertThat(outsideState()).as("everything outside the workspace is byte-identical").isEqualTo(before);
    assertThat(Files.readString(ws.resolve("README.md"))).isEqualTo("# project\n");
    assertThat(byType).containsKeys("workspace-violation", "protected-path", "command-not-allowed", "dangerous-command",
        "invalid-command", "invalid-arguments");
  }

  @Test
  void legitimateWorkSucceeds() throws Exception {
    List<Attempt> ok = List.of(
        new Attempt("list the root", "fs.list", args("path", "")),
        new Attempt("list deeply", "fs.list", args("path", "src", "depth", 5)),
        new Attempt("read", "fs.read", args("path", "README.md")),
        new Attempt("read a window", "fs.read", args("path", "README.md", "startLine", 1, "endLine", 1)),
        new Attempt("read through a link that stays inside", "fs.read", args("path", "java-src/App.java")),
        new Attempt("write a nested new file", "fs.write", args("path", "a/b/c/d/e.txt", "content", "deep\n")),
        new Attempt("write a name with spaces", "fs.write", args("path", "docs/release notes.md", "content", "notes\n")),
        new Attempt("write a Unicode name", "fs.write", args("path", "docs/résumé-日本語.txt", "content", "ünïcødé ✓\n")),
        new Attempt("read the Unicode name", "fs.read", args("path", "docs/résumé-日本語.txt")),
        new Attempt("write through an inside link", "fs.write", args("path", "java-src/Util.java", "content", "class Util {}\n")),
        new Attempt("edit through an inside link", "fs.edit", args("path", "java-src/App.java", "search", "class App {}",
            "replace", "class App { int x; }")),
        new Attempt("edit with ./ and .. that stay inside", "fs.edit", args("path", "./src/../README.md", "search", "# project",
            "replace", "# Project")),
        new Attempt("overwrite", "fs.write", args("path", "a/b/c/d/e.txt", "content", "deeper\n")),
        new Attempt("move", "fs.move", args("from", "a/b/c/d/e.txt", "to", "moved/e.txt")),
        new Attempt("move a folder", "fs.move", args("from", "a", "to", "b")),
        new Attempt("delete a file", "fs.delete", args("path", "moved/e.txt")),
        new Attempt("delete an empty folder", "fs.delete", args("path", "moved")),
        new Attempt("delete a link, not its target", "fs.delete", args("path", "link-out")),
        new Attempt("write a dot file", "fs.write", args("path", ".editorconfig", "content", "root = true\n")),
        new Attempt("write a file named like a link escape", "fs.write", args("path", "..hidden", "content", "x\n")),
        new Attempt("write a deep name", "fs.write", args("path", "x/" + "y".repeat(200) + ".txt", "content", "x\n")),
        new Attempt("read the hard link's own copy after a write", "fs.write", args("path", "hardlink.txt", "content", "mine\n")),
        new Attempt("git status", "proc.run", args("argv", List.of("git", "status", "--short"))),
        new Attempt("git diff", "proc.run", args("argv", List.of("git", "diff", "--stat"))),
        new Attempt("git log in a subfolder", "proc.run", args("argv", List.of("git", "status"), "cwd", "src")),
        new Attempt("ls", "proc.run", args("argv", List.of("ls", "-la"))),
        new Attempt("find files", "proc.run", args("argv", List.of("find", ".", "-name", "*.java"))),
        new Attempt("cat a file with a space", "proc.run", args("argv", List.of("cat", "docs/release notes.md"))),
        new Attempt("cat with ./", "proc.run", args("argv", List.of("cat", "./README.md"))),
        new Attempt("an argument with .. that stays inside", "proc.run", args("argv", List.of("cat", "src/../README.md"))),
        new Attempt("java version", "proc.run", args("argv", List.of("java", "-version"))),
        new Attempt("list through an inside link", "fs.list", args("path", "java-src")));
    assertThat(ok).hasSizeGreaterThanOrEqualTo(30);
    Map<String, String> before = outsideState();
    for (Attempt a : ok) {
      String result;
      try {
        result = tool(a.tool()).invoke(a.args());
      } catch (RuntimeException e) {
        fail(a.label() + " was refused: " + e.getMessage());
        return;
      }
      var json = JSON.readTree(result);
      if (a.tool().equals("proc.run")) {
        assertThat(json.get("exitCode").asInt()).as("%s: %s", a.label(), json.get("stderr").asText()).isZero();
      }
    }
    assertThat(Files.readString(ws.resolve("src/main/java/App.java"))).isEqualTo("class App { int x; }\n");
    assertThat(Files.readString(ws.resolve("README.md"))).isEqualTo("# Project\n");
    assertThat(Files.readString(ws.resolve("docs/résumé-日本語.txt"), StandardCharsets.UTF_8)).isEqualTo("ünïcødé ✓\n");
    assertThat(ws.resolve("b/b/c/d")).isDirectory();
    assertThat(Files.exists(ws.resolve("link-out"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(outside.resolve("secret.txt")).hasContent("top secret");
    assertThat(outsideState()).isEqualTo(before);
  }
}
