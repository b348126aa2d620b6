package io.nootropic.cli.retrieval;

import io.nootropic.cli.NootropicCli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/// `index`, `search`, `repomap` and `eval-retrieval` on a small repository written by the test
/// (hashing embeddings keep it fast; the MiniLM default is tested in nootropic-context).
class RetrievalCommandsTest {

  @TempDir Path repo;

  private record Run(int exit, String out, String err) { }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = NootropicCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private void fixture() throws IOException {
    Path p = repo.resolve("src/demo/RateLimiter.java");
    Files.createDirectories(p.getParent());
    Files.writeString(p, """
        package demo;

        public class RateLimiter {
          /** Waits until a permit is available. */
          public void acquirePermit() {
            permits--;
          }
          private int permits = 10;
        }
        """);
    Files.writeString(repo.resolve("src/demo/Client.java"), """
        package demo;

        public class Client {
          private final RateLimiter limiter = new RateLimiter();

          /** Sends one request after taking a permit. */
          public void send() {
            limiter.acquirePermit();
          }
        }
        """);
    Files.writeString(repo.resolve("notes.py"), "def summarize(text):\n    return text[:10]\n");
  }

  @Test
  void indexSearchAndRepoMapWithJson() throws IOException {
    fixture();
    ObjectMapper json = new ObjectMapper();
    Run index = run("index", repo.toString(), "--embeddings", "hashing-64", "--json", "--quiet");
    assertThat(index.exit()).as(index.err()).isZero();
    JsonNode stats = json.readTree(index.out());
    assertThat(stats.get("filesSeen").asInt()).isEqualTo(3);
    assertThat(stats.get("embedding").asText()).isEqualTo("hashing-64");
    assertThat(Files.isDirectory(repo.resolve(".nootropic-cache/index"))).isTrue();

    Run again = run("index", repo.toString(), "--embeddings", "hashing-64", "--json", "--quiet");
    assertThat(json.readTree(again.out()).get("filesChanged").asInt()).isZero();

    Run search = run("search", repo.toString(), "acquire permit", "--mode", "hybrid", "-k", "2", "--json");
    assertThat(search.exit()).as(search.err()).isZero();
    JsonNode hits = json.readTree(search.out()).get("hits");
    assertThat(hits.size()).isBetween(1, 2);
    assertThat(hits.get(0).get("path").asText()).isEqualTo("src/demo/RateLimiter.java");
    assertThat(hits.get(0).get("reasons").get(0).get("retriever").asText()).isIn("bm25", "dense");
    assertThat(hits.get(0).get("startLine").asInt()).isPositive();

    Run filtered = run("search", repo.toString(), "text", "--lang", "python", "--json", "--no-update");
    assertThat(json.readTree(filtered.out()).get("hits").get(0).get("path").asText()).isEqualTo("notes.py");

    Run human = run("search", repo.toString(), "send request", "--mode", "bm25");
    assertThat(human.out()).contains("src/demo/Client.java").contains("matched by bm25 #1");

    Run map = run("repomap", repo.toString(), "--tokens", "60");
    assertThat(map.exit()).isZero();
    assertThat(map.out()).contains("src/demo/RateLimiter.java");
    assertThat((map.out().length() + 3) / 4).isLessThanOrEqualTo(60);
  }

  @Test
  void evalRetrievalReportsEveryMode() throws IOException {
    fixture();
    Run eval = run("eval-retrieval", repo.toString(), "--embeddings", "hashing-64", "--json");
    assertThat(eval.exit()).as(eval.err()).isZero();
    JsonNode r = new ObjectMapper().readTree(eval.out());
    assertThat(r.get("queries").asInt()).isEqualTo(2);
    assertThat(r.get("results")).hasSize(3);
    assertThat(r.get("results").get(0).get("mode").asText()).isEqualTo("bm25");
    assertThat(r.get("results").get(0).get("recall").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void badInputIsAnErrorExitNotACrash() {
    Run missing = run("search", repo.resolve("nope").toString(), "x");
    assertThat(missing.exit()).isNotZero();
    Run badMode = run("search", repo.toString(), "x", "--mode", "fuzzy");
    assertThat(badMode.exit()).isNotZero();
  }
}
