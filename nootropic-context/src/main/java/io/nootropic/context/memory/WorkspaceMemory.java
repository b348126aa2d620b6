package io.nootropic.context.memory;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.Describable;
import io.nootropic.api.memory.Episode;
import io.nootropic.api.memory.Memory;
import io.nootropic.api.retrieval.EmbeddingModel;
import io.nootropic.context.ContextException;
import io.nootropic.context.internal.CodeAnalyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/// The memory agent's store (the issue's `MemoryAgent`), shipped as a [Memory] implementation so
/// that agents reach it through the api and [io.nootropic.api.memory.MemoryProvider]: episodes
/// (goal, plan, patch summary, outcome) are kept with their embeddings in a Lucene index inside
/// the workspace store (`.nootropic-cache/memory`), and [#recall] returns the past episodes whose
/// embedding is nearest to the new goal (BM25 over their text when no embedding model is set).
///
/// Every [#store] commits, so stored episodes survive a crash.
public final class WorkspaceMemory implements Memory, Describable, AutoCloseable {

  private static final String ID = "id";
  private static final String GOAL = "goal";
  private static final String PLAN = "plan";
  private static final String PATCH = "patch";
  private static final String OUTCOME = "outcome";
  private static final String AT = "at";
  private static final String TEXT = "text";
  private static final String VEC = "vec";
  private static final String COMMIT_MODEL = "nootropic.memory.embedding";

  private final Path dir;
  private final EmbeddingModel model;
  private final Directory directory;

  private WorkspaceMemory(Path dir, EmbeddingModel model, Directory directory) {
    this.dir = dir;
    this.model = model;
    this.directory = directory;
  }

  /// The memory folder of a workspace.
  public static Path defaultDir(Path workspace) {
    return workspace.toAbsolutePath().normalize().resolve(".nootropic-cache").resolve("memory");
  }

  /// Opens (creating if needed) the memory in `dir`, embedding with `model` (`null` for
  /// text-only recall). Episodes stored under another model are re-embedded.
  public static WorkspaceMemory open(Path dir, EmbeddingModel model) {
    Objects.requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
      io.nootropic.context.internal.CacheFolders.ignoreInGit(dir);
      WorkspaceMemory m = new WorkspaceMemory(dir, model, FSDirectory.open(dir));
      m.reembedIfNeeded();
      return m;
    } catch (IOException e) {
      throw new ContextException("cannot open memory store " + dir + ": " + e.getMessage(), e);
    }
  }

  private String modelKey() {
    return model == null ? "none" : model.name() + ":" + model.dimensions();
  }

  private void reembedIfNeeded() throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return;
    }
    List<Episode> all;
    try (DirectoryReader r = DirectoryReader.open(directory)) {
      if (modelKey().equals(r.getIndexCommit().getUserData().get(COMMIT_MODEL))) {
        return;
      }
      IndexSearcher s = new IndexSearcher(r);
      TopDocs td = s.search(new MatchAllDocsQuery(), Math.max(1, r.numDocs()));
      all = new ArrayList<>();
      for (ScoreDoc sd : td.scoreDocs) {
        all.add(episode(s.storedFields().document(sd.doc)));
      }
    }
    try (IndexWriter w = writer()) {
      w.deleteAll();
      for (Episode e : all) {
        w.addDocument(doc(e));
      }
      commit(w);
    }
  }

  private IndexWriter writer() throws IOException {
    return new IndexWriter(directory, new IndexWriterConfig(new CodeAnalyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
  }

  private void commit(IndexWriter w) throws IOException {
    w.setLiveCommitData(Map.of(COMMIT_MODEL, modelKey()).entrySet());
    w.commit();
  }

  private static String text(Episode e) {
    return e.goal() + "\n" + e.plan() + "\n" + e.patchSummary();
  }

  private Document doc(Episode e) {
    Document d = new Document();
    d.add(new StringField(ID, e.id(), Field.Store.YES));
    d.add(new StoredField(GOAL, e.goal()));
    d.add(new StoredField(PLAN, e.plan()));
    d.add(new StoredField(PATCH, e.patchSummary()));
    d.add(new StoredField(OUTCOME, e.outcome()));
    d.add(new StoredField(AT, e.recordedAt().toString()));
    d.add(new TextField(TEXT, text(e), Field.Store.NO));
    if (model != null) {
      d.add(new KnnFloatVectorField(VEC, model.embed(text(e)), VectorSimilarityFunction.COSINE));
    }
    return d;
  }

  private static Episode episode(Document d) {
    return new Episode(d.get(ID), d.get(GOAL), d.get(PLAN), d.get(PATCH), d.get(OUTCOME), Instant.parse(d.get(AT)));
  }

  /// Stores (or replaces, by id) an episode and commits.
  @Override
  public synchronized void store(Episode episode) {
    Objects.requireNonNull(episode, "episode");
    try (IndexWriter w = writer()) {
      w.updateDocument(new Term(ID, episode.id()), doc(episode));
      commit(w);
    } catch (IOException e) {
      throw new ContextException("cannot store episode " + episode.id() + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  /// Returns up to `k` stored episodes most similar to `goal`, best first.
  @Override
  public List<Episode> recall(String goal, int k) {
    Objects.requireNonNull(goal, "goal");
    if (k < 1) {
      return List.of();
    }
    try {
      if (!DirectoryReader.indexExists(directory)) {
        return List.of();
      }
      try (DirectoryReader r = DirectoryReader.open(directory)) {
        IndexSearcher s = new IndexSearcher(r);
        Query q;
        if (model != null) {
          q = new KnnFloatVectorQuery(VEC, model.embed(goal), k);
        } else {
          BooleanQuery.Builder b = new BooleanQuery.Builder();
          for (String t : new LinkedHashSet<>(CodeAnalyzer.terms(goal))) {
            b.add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD);
          }
          q = b.build();
        }
        List<Episode> out = new ArrayList<>();
        for (ScoreDoc sd : s.search(q, k).scoreDocs) {
          out.add(episode(s.storedFields().document(sd.doc)));
        }
        return out;
      }
    } catch (IOException e) {
      throw new ContextException("cannot read memory store " + dir + ": " + e.getMessage(), e);
    }
  }

  /// The number of stored episodes.
  public int size() {
    try {
      if (!DirectoryReader.indexExists(directory)) {
        return 0;
      }
      try (DirectoryReader r = DirectoryReader.open(directory)) {
        return r.numDocs();
      }
    } catch (IOException e) {
      throw new ContextException("cannot read memory store " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public CapabilityDescriptor describe() {
    return WorkspaceMemoryProvider.DESCRIPTOR;
  }

  @Override
  public void close() {
    try {
      directory.close();
    } catch (IOException e) {
      throw new ContextException("cannot close memory store " + dir + ": " + e.getMessage(), e);
    }
  }
}
