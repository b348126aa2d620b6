package io.nootropic.cli.agents;

import static io.nootropic.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.cli.Cli.Result;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `nootropic tool` and `nootropic apply`: the exact JSON shapes and exit codes of issue 12's
/// contract, refusals that leave everything untouched, and all-or-nothing application.
class AgentCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path ws() throws Exception {
    Path ws = dir.resolve("ws");
    Files.createDirectories(ws.resolve("src"));
    Files.writeString(ws.resolve("src/A.java"), "class A {\n  int f() { return 1; }\n}\n");
    return ws;
  }

  private static JsonNode json(Result r) throws Exception {
    assertThat(r.out().strip()).as("one line of JSON: " + r.out()).doesNotContain("\n");
    return JSON.readTree(r.out());
  }

  private static List<String> fields(JsonNode n) {
    return List.copyOf(iterable(n.fieldNames()));
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    java.util.ArrayList<T> l = new java.util.ArrayList<>();
    it.forEachRemaining(l::add);
    return l;
  }

  // ---------------------------------------------------------------- tool

  @Test
  void toolReadsAWindowOfAFile() throws Exception {
    Path ws = ws();
    Result r = run("tool", "fs.read", "--workspace", ws.toString(), "--json", "{\"path\":\"src/A.java\",\"startLine\":2,\"endLine\":2}");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode n = json(r);
    assertThat(n.get("content").asText()).isEqualTo("  int f() { return 1; }\n");
    assertThat(n.get("totalLines").asInt()).isEqualTo(3);
  }

  @Test
  void aRefusedCallExitsOneWithATypedErrorAndChangesNothing() throws Exception {
    Path ws = ws();
    Path outside = dir.resolve("ws-evil/secret.txt");
    Files.createDirectories(outside.getParent());
    Files.writeString(outside, "keep\n");
    Files.createDirectories(ws.resolve(".git/hooks"));

    record Case(String tool, String args, String type) {}
    for (Case c : List.of(
        new Case("fs.read", "{\"path\":\"../ws-evil/secret.txt\"}", "workspace-violation"),
        new Case("fs.write", "{\"path\":\"" + outside + "\",\"content\":\"x\"}", "workspace-violation"),
        new Case("fs.write", "{\"path\":\".git/hooks/pre-commit\",\"content\":\"#!/bin/sh\\nrm -rf ~\"}", "protected-path"),
        new Case("proc.run", "{\"argv\":[\"git\",\"status\"]}", "command-not-allowed"),
        new Case("proc.run", "{\"argv\":[\"bash\",\"-c\",\"cat /etc/passwd\"]}", "command-not-allowed"),
        new Case("fs.read", "{\"path\":\"src/A.java\",\"startLine\":0}", "invalid-arguments"),
        new Case("fs.read", "{\"path\":", "invalid-arguments"),
        new Case("fs_edit", "{\"path\":\"src/A.java\",\"search\":\"nope\",\"replace\":\"x\"}", "edit-failed"))) {
      Result r = run("tool", c.tool(), "--workspace", ws.toString(), "--json", c.args());
      assertThat(r.code()).as(c + ": " + r.out() + r.err()).isEqualTo(1);
      JsonNode n = json(r);
      assertThat(fields(n)).containsExactly("error");
      assertThat(fields(n.get("error"))).containsExactly("type", "message");
      assertThat(n.get("error").get("type").asText()).as(c.toString()).isEqualTo(c.type());
      assertThat(n.get("error").get("message").asText()).isNotBlank();
    }
    assertThat(outside).content().isEqualTo("keep\n");
    assertThat(ws.resolve(".git/hooks/pre-commit")).doesNotExist();
    assertThat(ws.resolve("src/A.java")).content().isEqualTo("class A {\n  int f() { return 1; }\n}\n");
  }

  @Test
  void withoutJsonARefusalIsALineOnStandardError() throws Exception {
    Result r = run("tool", "fs.read", "--workspace", ws().toString(), "{\"path\":\"/etc/passwd\"}");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: workspace-violation: ");
  }

  @Test
  void anAllowedProgramRunsAndItsResultIsReturned() throws Exception {
    Path ws = ws();
    Process init = new ProcessBuilder("git", "init", "-q", ws.toString()).redirectErrorStream(true).start();
    assertThat(init.waitFor()).isZero();
    Result r = run("tool", "proc.run", "--workspace", ws.toString(), "--allow", "git", "--json",
        "{\"argv\":[\"git\",\"status\",\"--porcelain\"]}");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode n = json(r);
    assertThat(n.get("exitCode").asInt()).isZero();
    assertThat(n.get("stdout").asText()).contains("?? src/");
  }

  @Test
  void writesGoThroughTheJailByEitherName() throws Exception {
    Path ws = ws();
    Result r = run("tool", "fs_write", "--workspace", ws.toString(), "--json",
        "{\"path\":\"docs/ñame with space.md\",\"content\":\"hi\\n\"}");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(ws.resolve("docs/ñame with space.md")).content().isEqualTo("hi\n");
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Path ws = ws();
    Result unknown = run("tool", "fs.nuke", "--workspace", ws.toString(), "{}");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("no tool 'fs.nuke'").contains("fs.read");
    Result missing = run("tool", "fs.list", "--workspace", dir.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--workspace").contains("does not exist");
    assertThat(run("tool", "fs.list").code()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- apply

  private static final String REPLY = """
      Here is the fix.

      src/A.java
      ```java
      <<<<<<< SEARCH
        int f() { return 1; }
      =======
        int f() { return 2; }
      >>>>>>> REPLACE
      ```

      src/B.java
      ```java
      <<<<<<< SEARCH
      =======
      class B {}
      >>>>>>> REPLACE
      ```
      """;

  @Test
  void parseOnlyPrintsTheEditsAndTouchesNothing() throws Exception {
    Path ws = ws();
    Path reply = Files.writeString(dir.resolve("reply.txt"), REPLY);
    Result r = run("apply", "--repo", ws.toString(), "--format", "diff", "--parse-only", "--json", reply.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode n = json(r);
    assertThat(fields(n)).containsExactly("edits", "errors");
    assertThat(n.get("errors")).isEmpty();
    JsonNode first = n.get("edits").get(0);
    assertThat(fields(first)).containsExactly("path", "kind", "search", "replace");
    assertThat(first.get("path").asText()).isEqualTo("src/A.java");
    assertThat(first.get("kind").asText()).isEqualTo("replace");
    assertThat(first.get("search").asText()).isEqualTo("  int f() { return 1; }\n");
    assertThat(first.get("replace").asText()).isEqualTo("  int f() { return 2; }\n");
    JsonNode second = n.get("edits").get(1);
    assertThat(second.get("kind").asText()).isEqualTo("create");
    assertThat(second.get("search").isNull()).isTrue();
    assertThat(second.get("replace").asText()).isEqualTo("class B {}\n");
    assertThat(ws.resolve("src/B.java")).doesNotExist();
    assertThat(ws.resolve("src/A.java")).content().contains("return 1;");
  }

  @Test
  void parseOnlyOfADeleteAndAWholeFile() throws Exception {
    Path ws = ws();
    Path patch = Files.writeString(dir.resolve("p.txt"), """
        *** Begin Patch
        *** Delete File: src/A.java
        *** End Patch
        """);
    JsonNode n = json(run("apply", "--repo", ws.toString(), "--format", "patch", "--parse-only", "--json", patch.toString()));
    assertThat(n.get("edits").get(0).get("kind").asText()).isEqualTo("delete");
    assertThat(n.get("edits").get(0).get("search").isNull()).isTrue();
    assertThat(n.get("edits").get(0).get("replace").isNull()).isTrue();
    Path whole = Files.writeString(dir.resolve("w.txt"), "src/A.java\n```java\nclass A {}\n```\n");
    JsonNode w = json(run("apply", "--repo", ws.toString(), "--format", "whole", "--parse-only", "--json", whole.toString()));
    assertThat(w.get("edits").get(0).get("kind").asText()).isEqualTo("whole");
    assertThat(w.get("edits").get(0).get("replace").asText()).isEqualTo("class A {}\n");
  }

  @Test
  void applyingReportsEachEditThenAlreadyApplied() throws Exception {
    Path ws = ws();
    Path reply = Files.writeString(dir.resolve("reply.txt"), REPLY);
    Result r = run("apply", "--repo", ws.toString(), "--format", "diff", "--json", reply.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    JsonNode n = json(r);
    JsonNode first = n.get("results").get(0);
    assertThat(fields(first)).containsExactly("path", "status", "match", "message");
    assertThat(first.get("status").asText()).isEqualTo("applied");
    assertThat(first.get("match").asText()).isEqualTo("exact");
    assertThat(n.get("results").get(1).get("status").asText()).isEqualTo("applied");
    assertThat(ws.resolve("src/A.java")).content().contains("return 2;");
    assertThat(ws.resolve("src/B.java")).content().isEqualTo("class B {}\n");

    JsonNode again = json(run("apply", "--repo", ws.toString(), "--format", "diff", "--json", reply.toString()));
    assertThat(again.get("results").findValuesAsText("status")).containsExactly("already-applied", "already-applied");
  }

  @Test
  void oneFailedEditMeansNothingIsWrittenAndTheMessageShowsTheClosestLines() throws Exception {
    Path ws = ws();
    Path reply = Files.writeString(dir.resolve("reply.txt"), REPLY.replace("int f() { return 1; }\n=", "int g() { return 1; }\n="));
    Result r = run("apply", "--repo", ws.toString(), "--format", "diff", "--json", reply.toString());
    assertThat(r.code()).isEqualTo(1);
    JsonNode n = json(r);
    assertThat(n.get("results").get(0).get("status").asText()).isEqualTo("failed");
    assertThat(n.get("results").get(0).get("message").asText()).contains("int f() { return 1; }");
    assertThat(n.get("applied").asBoolean()).isFalse();
    assertThat(ws.resolve("src/B.java")).doesNotExist();
    assertThat(ws.resolve("src/A.java")).content().contains("return 1;");

    Result human = run("apply", "--repo", ws.toString(), "--format", "diff", reply.toString());
    assertThat(human.code()).isEqualTo(1);
    assertThat(human.out()).contains("failed\tsrc/A.java");
    assertThat(human.err()).contains("int f() { return 1; }");
  }

  @Test
  void aMalformedReplyChangesNothing() throws Exception {
    Path ws = ws();
    String cut = REPLY.substring(0, REPLY.indexOf(">>>>>>> REPLACE"));
    Path reply = Files.writeString(dir.resolve("reply.txt"), cut);
    Result parse = run("apply", "--repo", ws.toString(), "--format", "diff", "--parse-only", "--json", reply.toString());
    assertThat(parse.code()).isEqualTo(1);
    JsonNode errors = json(parse).get("errors");
    assertThat(errors).isNotEmpty();
    assertThat(fields(errors.get(0))).containsExactly("block", "line", "message");
    Result apply = run("apply", "--repo", ws.toString(), "--format", "diff", "--json", reply.toString());
    assertThat(apply.code()).isEqualTo(1);
    assertThat(json(apply).get("results")).isEmpty();
    assertThat(json(apply).get("errors")).isNotEmpty();
    assertThat(ws.resolve("src/A.java")).content().contains("return 1;");
  }

  @Test
  void anEditOutsideTheRepoFailsAndTheOutsideIsUntouched() throws Exception {
    Path ws = ws();
    Path reply = Files.writeString(dir.resolve("reply.txt"), """
        ../victim.txt
        ```
        <<<<<<< SEARCH
        =======
        pwned
        >>>>>>> REPLACE
        ```
        """);
    Result r = run("apply", "--repo", ws.toString(), "--format", "diff", "--json", reply.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(json(r).get("results").get(0).get("message").asText()).contains("leaves the workspace");
    assertThat(dir.resolve("victim.txt")).doesNotExist();
  }

  @Test
  void dryRunMatchesButWritesNothing() throws Exception {
    Path ws = ws();
    Path reply = Files.writeString(dir.resolve("reply.txt"), REPLY);
    Result r = run("apply", "--repo", ws.toString(), "--format", "diff", "--dry-run", "--json", reply.toString());
    assertThat(r.code()).isZero();
    assertThat(json(r).get("results").findValuesAsText("status")).containsExactly("applied", "applied");
    assertThat(json(r).get("applied").asBoolean()).isFalse();
    assertThat(ws.resolve("src/B.java")).doesNotExist();
  }

  @Test
  void theReplyMayComeFromStandardInput() throws Exception {
    Path ws = ws();
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(REPLY.getBytes(StandardCharsets.UTF_8)));
      Result r = run("apply", "--repo", ws.toString(), "--format", "diff", "-");
      assertThat(r.code()).as(r.err()).isZero();
    } finally {
      System.setIn(saved);
    }
    assertThat(ws.resolve("src/B.java")).exists();
  }

  @Test
  void applyUsageErrorsExitTwo() throws Exception {
    Path ws = ws();
    Path reply = Files.writeString(dir.resolve("reply.txt"), REPLY);
    Result format = run("apply", "--repo", ws.toString(), "--format", "sed", reply.toString());
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("sed").contains("udiff");
    Result file = run("apply", "--repo", ws.toString(), "--format", "diff", dir.resolve("none.txt").toString());
    assertThat(file.code()).isEqualTo(2);
    assertThat(file.err()).contains("none.txt");
    Result repo = run("apply", "--repo", dir.resolve("nope").toString(), "--format", "diff", reply.toString());
    assertThat(repo.code()).isEqualTo(2);
    Path binary = Files.write(dir.resolve("bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    Result notText = run("apply", "--repo", ws.toString(), "--format", "diff", binary.toString());
    assertThat(notText.code()).isEqualTo(2);
    assertThat(notText.err()).contains("not UTF-8");
  }
}
