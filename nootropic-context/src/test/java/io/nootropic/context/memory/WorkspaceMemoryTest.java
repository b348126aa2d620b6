package io.nootropic.context.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.memory.Episode;
import io.nootropic.api.memory.Memory;
import io.nootropic.api.memory.MemoryProvider;
import io.nootropic.context.embed.HashingEmbeddingModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceMemoryTest {

  @TempDir Path ws;

  private static Episode ep(String id, String goal, String plan) {
    return new Episode(id, goal, plan, "patched " + id, "succeeded", Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void recallsTheMostSimilarEpisodesAndSurvivesReopening() {
    Path dir = WorkspaceMemory.defaultDir(ws);
    try (WorkspaceMemory m = WorkspaceMemory.open(dir, new HashingEmbeddingModel(256))) {
      assertThat(m.recall("anything", 3)).isEmpty();
      m.store(ep("e1", "fix the flaky retry test in the http client", "add jitter to retry backoff"));
      m.store(ep("e2", "add a dark mode toggle to the settings page", "css variables"));
      m.store(ep("e3", "speed up json parsing of large payloads", "streaming parser"));
    }
    try (WorkspaceMemory m = WorkspaceMemory.open(dir, new HashingEmbeddingModel(256))) {
      assertThat(m.size()).isEqualTo(3);
      assertThat(m.recall("the retry test of the http client is flaky again", 1))
          .singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("e1");
            assertThat(e.plan()).isEqualTo("add jitter to retry backoff");
            assertThat(e.recordedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
          });
      assertThat(m.recall("json payload parsing is slow", 2).getFirst().id()).isEqualTo("e3");
      assertThat(m.recall("x", 10)).hasSize(3);
    }
    assertThat(dir).isDirectory();
    assertThat(dir.getParent().getFileName().toString()).isEqualTo(".nootropic-cache");
  }

  @Test
  void storingTheSameIdReplacesTheEpisode() {
    try (WorkspaceMemory m = WorkspaceMemory.open(WorkspaceMemory.defaultDir(ws), null)) {
      m.store(ep("same", "first goal about caching", ""));
      m.store(ep("same", "second goal about logging", ""));
      assertThat(m.size()).isEqualTo(1);
      assertThat(m.recall("logging", 5)).singleElement().satisfies(e -> assertThat(e.goal()).contains("second"));
    }
  }

  @Test
  void changingTheModelReembedsStoredEpisodes() {
    Path dir = WorkspaceMemory.defaultDir(ws);
    try (WorkspaceMemory m = WorkspaceMemory.open(dir, null)) {
      m.store(ep("a", "rename the billing module", ""));
      m.store(ep("b", "upgrade the database driver", ""));
    }
    try (WorkspaceMemory m = WorkspaceMemory.open(dir, new HashingEmbeddingModel(64))) {
      assertThat(m.size()).isEqualTo(2);
      assertThat(m.recall("database driver upgrade", 1).getFirst().id()).isEqualTo("b");
    }
  }

  @Test
  void isFoundThroughServiceLoaderAsAMemoryProvider() {
    MemoryProvider p = ServiceLoader.load(MemoryProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(x -> x.name().equals("workspace")).findFirst().orElseThrow();
    assertThat(p.describe().name()).isEqualTo("memory.workspace");
    String old = System.getProperty("nootropic.context.embeddings");
    System.setProperty("nootropic.context.embeddings", "hashing-32");
    try {
      Memory m = p.open(ws);
      m.store(ep("x", "index the workspace", ""));
      assertThat(m.recall("workspace index", 1)).extracting(Episode::id).containsExactly("x");
      ((AutoCloseable) m).close();
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      if (old == null) {
        System.clearProperty("nootropic.context.embeddings");
      } else {
        System.setProperty("nootropic.context.embeddings", old);
      }
    }
  }
}
