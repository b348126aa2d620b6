package io.nootropic.context;

import io.nootropic.api.retrieval.EmbeddingModel;
import io.nootropic.context.chunk.Chunk;
import io.nootropic.context.chunk.ChunkedFile;
import io.nootropic.context.chunk.CodeChunker;
import io.nootropic.context.chunk.Language;
import io.nootropic.context.internal.CodeAnalyzer;
import io.nootropic.context.internal.Fields;
import io.nootropic.context.walk.RepositoryWalker;
import io.nootropic.context.walk.SourceFile;
import io.nootropic.context.walk.WalkReport;
import io.nootropic.context.walk.WalkerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// One Lucene index per workspace: chunks with BM25 text fields and (optionally) HNSW vectors.
///
/// [#index(IndexProgress)] brings the index up to date incrementally: only files whose SHA-256
/// changed are re-chunked and re-written, and files that left the workspace leave the index.
/// Each file's chunks and its bookkeeping document are written together, and Lucene commits are
/// atomic, so a process killed at any moment leaves the last committed index intact.
/// [#snapshot()] opens a point-in-time [IndexSnapshot] for searching.
public final class CodeIndex implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CodeIndex.class);
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{2,63}");
  private static final int MAX_REFS = 5000;
  private static final int MAX_SYMBOL_KEY = 512;

  private final IndexConfig config;
  private final Directory directory;
  private final CodeChunker chunker;

  private CodeIndex(IndexConfig config, Directory directory) {
    this.config = config;
    this.directory = directory;
    this.chunker = new CodeChunker(config.chunker());
  }

  /// Opens (without indexing) the index of a workspace.
  ///
  /// @throws ContextException if the workspace is not a folder or the index folder cannot be made
  public static CodeIndex open(IndexConfig config) {
    Objects.requireNonNull(config, "config");
    if (!Files.isDirectory(config.workspace())) {
      throw new ContextException("workspace is not a directory: " + config.workspace());
    }
    try {
      Files.createDirectories(config.indexDir());
      io.nootropic.context.internal.CacheFolders.ignoreInGit(config.indexDir());
      return new CodeIndex(config, FSDirectory.open(config.indexDir()));
    } catch (IOException e) {
      throw new ContextException("cannot open index folder " + config.indexDir() + ": " + e.getMessage(), e);
    }
  }

  /// The configuration.
  public IndexConfig config() {
    return config;
  }

  /// Whether a committed index exists.
  public boolean exists() {
    try {
      return DirectoryReader.indexExists(directory);
    } catch (IOException e) {
      return false;
    }
  }

  /// The embedding model name recorded in the last commit (`none` for BM25 only), or `null` when
  /// there is no index yet.
  public String committedEmbedding() {
    try {
      if (!DirectoryReader.indexExists(directory)) {
        return null;
      }
      try (DirectoryReader r = DirectoryReader.open(directory)) {
        return r.getIndexCommit().getUserData().getOrDefault(Fields.COMMIT_EMBEDDING, "none");
      }
    } catch (IOException e) {
      throw new ContextException("cannot read index " + config.indexDir() + ": " + e.getMessage(), e);
    }
  }

  /// Indexes the workspace incrementally and commits.
  ///
  /// @throws ContextException if another process is writing this index or the index cannot be written
  public IndexStats index(IndexProgress progress) {
    Objects.requireNonNull(progress, "progress");
    long t0 = System.nanoTime();
    boolean unreadable = false;
    try {
      if (DirectoryReader.indexExists(directory)) {
        try (DirectoryReader r = DirectoryReader.open(directory)) {
          r.getIndexCommit().getUserData();
        }
      }
    } catch (IOException | RuntimeException e) {
      // the index is a cache of the workspace: a damaged one is rebuilt, never fatal
      LOG.warn("index {} cannot be read ({}); rebuilding it", config.indexDir(), e.toString());
      unreadable = true;
    }
    if (unreadable) {
      clearDirectory();
    }
    IndexWriterConfig iwc = new IndexWriterConfig(new CodeAnalyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(64);
    try (IndexWriter writer = new IndexWriter(directory, iwc)) {
      return run(writer, progress, t0);
    } catch (LockObtainFailedException e) {
      throw new ContextException("index " + config.indexDir() + " is being written by another process", e);
    } catch (IOException | UncheckedIOException e) {
      throw new ContextException("indexing " + config.workspace() + " failed: " + e.getMessage(), e);
    }
  }

  private void clearDirectory() {
    try {
      for (String f : directory.listAll()) {
        if (!f.equals(IndexWriter.WRITE_LOCK_NAME)) {
          directory.deleteFile(f);
        }
      }
    } catch (IOException e) {
      throw new ContextException("cannot clear damaged index " + config.indexDir() + ": " + e.getMessage(), e);
    }
  }

  private String embeddingName() {
    EmbeddingModel m = config.embeddingModel();
    return m == null ? "none" : m.name() + ":" + m.dimensions();
  }

  private String chunkerKey() {
    var c = config.chunker();
    return c.maxLines() + "/" + c.maxChars() + "/" + c.windowLines() + "/" + c.overlapLines() + "/" + c.stripJavadoc();
  }

  private IndexStats run(IndexWriter writer, IndexProgress progress, long t0) throws IOException {
    Map<String, String> known = new HashMap<>();
    boolean rebuild = true;
    if (DirectoryReader.indexExists(directory)) {
      try (DirectoryReader r = DirectoryReader.open(directory)) {
        Map<String, String> data = r.getIndexCommit().getUserData();
        rebuild = !Fields.SCHEMA.equals(data.get(Fields.COMMIT_SCHEMA))
            || !embeddingName().equals(data.get(Fields.COMMIT_EMBEDDING))
            || !chunkerKey().equals(data.get(Fields.COMMIT_CHUNKER));
        if (!rebuild) {
          known = fileHashes(r);
        }
      }
    }
    if (rebuild) {
      writer.deleteAll();
      LOG.debug("building index of {} from scratch ({})", config.workspace(), embeddingName());
    }
    Run run = new Run(writer, progress, t0, known);
    WalkerConfig wc = config.walker();
    Path rel = relativeIndexDir();
    if (rel != null) {
      List<String> ignores = new ArrayList<>(wc.ignorePatterns());
      ignores.add("/" + rel.toString().replace('\\', '/') + "/");
      wc = wc.withIgnorePatterns(ignores);
    }
    WalkReport report = new RepositoryWalker(wc).walk(config.workspace(), run::accept);
    run.flush();
    int deleted = 0;
    for (String path : known.keySet()) {
      if (!run.seen.contains(path)) {
        writer.deleteDocuments(new Term(Fields.PATH, path));
        deleted++;
      }
    }
    progress.onCommit(run.snapshot());
    commit(writer);
    long total;
    try (DirectoryReader r = DirectoryReader.open(directory)) {
      total = r.numDocs() - fileCount(r);
    }
    long elapsed = System.nanoTime() - t0;
    IndexStats stats = new IndexStats(run.seen.size(), run.changed, run.seen.size() - run.changed, deleted,
        run.chunks, run.embedded, run.bytes, elapsed, total, report, rebuild);
    LOG.debug("indexed {}: {} files ({} changed, {} deleted), {} chunks in {} ms", config.workspace(),
        stats.filesSeen(), stats.filesChanged(), deleted, total, elapsed / 1_000_000);
    return stats;
  }

  private Path relativeIndexDir() {
    Path ws = config.workspace();
    Path idx = config.indexDir();
    return idx.startsWith(ws) && !idx.equals(ws) ? ws.relativize(idx) : null;
  }

  private void commit(IndexWriter writer) throws IOException {
    writer.setLiveCommitData(Map.of(
        Fields.COMMIT_SCHEMA, Fields.SCHEMA,
        Fields.COMMIT_EMBEDDING, embeddingName(),
        Fields.COMMIT_CHUNKER, chunkerKey()).entrySet());
    writer.commit();
  }

  private static Map<String, String> fileHashes(DirectoryReader r) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (LeafReaderContext ctx : r.leaves()) {
      LeafReader leaf = ctx.reader();
      Bits live = leaf.getLiveDocs();
      StoredFields sf = leaf.storedFields();
      for (int d = 0; d < leaf.maxDoc(); d++) {
        if (live != null && !live.get(d)) {
          continue;
        }
        Document doc = sf.document(d, Set.of(Fields.KIND, Fields.PATH, Fields.FILE_HASH));
        if ("file".equals(doc.get(Fields.KIND))) {
          out.put(doc.get(Fields.PATH), doc.get(Fields.FILE_HASH));
        }
      }
    }
    return out;
  }

  private static long fileCount(DirectoryReader r) throws IOException {
    return new org.apache.lucene.search.IndexSearcher(r)
        .count(new org.apache.lucene.search.TermQuery(new Term(Fields.KIND, "file")));
  }

  private record Pending(SourceFile file, Language language, ChunkedFile chunked) { }

  private final class Run {
    final IndexWriter writer;
    final IndexProgress progress;
    final long t0;
    final Map<String, String> known;
    final Set<String> seen = new HashSet<>();
    final List<Pending> pending = new ArrayList<>();
    int pendingChunks;
    int changed;
    int filesSinceCommit;
    long chunks;
    long embedded;
    long bytes;

    Run(IndexWriter writer, IndexProgress progress, long t0, Map<String, String> known) {
      this.writer = writer;
      this.progress = progress;
      this.t0 = t0;
      this.known = known;
    }

    void accept(SourceFile f) {
      seen.add(f.relativePath());
      bytes += f.bytes();
      if (f.sha256().equals(known.get(f.relativePath()))) {
        report();
        return;
      }
      changed++;
      Language lang = Language.forPath(f.relativePath());
      ChunkedFile cf = chunker.chunkFile(f.relativePath(), lang, f.text());
      pending.add(new Pending(f, lang, cf));
      pendingChunks += cf.chunks().size();
      if (pendingChunks >= config.embedBatch() || config.embeddingModel() == null) {
        flush();
      }
      report();
    }

    void report() {
      progress.onProgress(snapshot());
    }

    IndexProgress.Snapshot snapshot() {
      return new IndexProgress.Snapshot(seen.size(), changed, chunks, embedded, bytes, System.nanoTime() - t0);
    }

    void flush() {
      if (pending.isEmpty()) {
        return;
      }
      try {
        List<float[]> vectors = null;
        EmbeddingModel model = config.embeddingModel();
        if (model != null && pendingChunks > 0) {
          vectors = new ArrayList<>(pendingChunks);
          List<String> texts = new ArrayList<>(config.embedBatch());
          for (Pending p : pending) {
            for (Chunk c : p.chunked.chunks()) {
              texts.add(embeddingText(c));
              if (texts.size() == config.embedBatch()) {
                vectors.addAll(embed(model, texts));
                texts.clear();
              }
            }
          }
          if (!texts.isEmpty()) {
            vectors.addAll(embed(model, texts));
          }
        }
        int v = 0;
        for (Pending p : pending) {
          String path = p.file.relativePath();
          List<Document> docs = new ArrayList<>(p.chunked.chunks().size() + 1);
          for (Chunk c : p.chunked.chunks()) {
            docs.add(chunkDoc(c, vectors == null ? null : vectors.get(v++)));
          }
          docs.add(fileDoc(p));
          // delete-then-add of one file in a single call: a commit sees all of it or none
          writer.updateDocuments(new Term(Fields.PATH, path), docs);
          chunks += p.chunked.chunks().size();
          filesSinceCommit++;
        }
        pending.clear();
        pendingChunks = 0;
        if (filesSinceCommit >= config.commitEvery()) {
          progress.onCommit(snapshot());
          commit(writer);
          filesSinceCommit = 0;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    List<float[]> embed(EmbeddingModel model, List<String> texts) {
      List<float[]> out = model.embedAll(List.copyOf(texts));
      if (out.size() != texts.size()) {
        throw new ContextException("embedding model " + model.name() + " returned " + out.size()
            + " vectors for " + texts.size() + " texts");
      }
      for (float[] vec : out) {
        if (vec.length != model.dimensions()) {
          throw new ContextException("embedding model " + model.name() + " returned a vector of " + vec.length
              + " dimensions, expected " + model.dimensions());
        }
      }
      embedded += out.size();
      report();
      return out;
    }

    Document chunkDoc(Chunk c, float[] vector) {
      Document d = new Document();
      d.add(new StringField(Fields.KIND, "chunk", Field.Store.NO));
      d.add(new StringField(Fields.PATH, c.path(), Field.Store.YES));
      d.add(new TextField(Fields.PATH_TEXT, c.path(), Field.Store.NO));
      d.add(new StringField(Fields.LANG, c.language().externalName(), Field.Store.YES));
      d.add(new TextField(Fields.SYMBOLS, String.join(" ", c.symbols()), Field.Store.YES));
      for (String s : c.symbols()) {
        if (s.length() <= MAX_SYMBOL_KEY) {   // Lucene rejects terms over 32 KiB; real names are short
          d.add(new StringField(Fields.SYMBOL_KEY, s.toLowerCase(Locale.ROOT), Field.Store.NO));
        }
      }
      d.add(new TextField(Fields.CONTENT, c.content(), Field.Store.YES));
      d.add(new StoredField(Fields.START, c.startLine()));
      d.add(new StoredField(Fields.END, c.endLine()));
      d.add(new StoredField(Fields.CHUNK_HASH, c.hash()));
      if (vector != null) {
        d.add(new KnnFloatVectorField(Fields.VECTOR, vector, VectorSimilarityFunction.COSINE));
      }
      return d;
    }

    Document fileDoc(Pending p) {
      Document d = new Document();
      d.add(new StringField(Fields.KIND, "file", Field.Store.YES));
      d.add(new StringField(Fields.PATH, p.file.relativePath(), Field.Store.YES));
      d.add(new StringField(Fields.LANG, p.language.externalName(), Field.Store.YES));
      d.add(new StoredField(Fields.FILE_HASH, p.file.sha256()));
      StringBuilder defs = new StringBuilder();
      for (ChunkedFile.Definition def : p.chunked.definitions()) {
        defs.append(def.name()).append('\t').append(def.line()).append('\t').append(def.depth()).append('\n');
      }
      d.add(new StoredField(Fields.DEFS, defs.toString()));
      d.add(new StoredField(Fields.REFS, String.join(" ", identifiers(p.file.text()))));
      return d;
    }
  }

  /// The text embedded for a chunk: path, symbols, then the code.
  static String embeddingText(Chunk c) {
    return c.path() + " " + String.join(" ", c.symbols()) + "\n" + c.content();
  }

  static Set<String> identifiers(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = IDENT.matcher(text);
    while (m.find() && out.size() < MAX_REFS) {
      out.add(m.group());
    }
    return out;
  }

  /// Opens a point-in-time view of the last commit.
  ///
  /// @throws ContextException if there is no index yet
  public IndexSnapshot snapshot() {
    try {
      if (!DirectoryReader.indexExists(directory)) {
        throw new ContextException("no index at " + config.indexDir() + "; run index first");
      }
      return new IndexSnapshot(DirectoryReader.open(directory), config);
    } catch (IOException e) {
      throw new ContextException("cannot open index " + config.indexDir() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      directory.close();
    } catch (IOException e) {
      throw new ContextException("cannot close index " + config.indexDir() + ": " + e.getMessage(), e);
    }
  }
}
