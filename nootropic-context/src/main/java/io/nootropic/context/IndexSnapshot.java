package io.nootropic.context;

import io.nootropic.api.model.TokenCounter;
import io.nootropic.api.retrieval.EmbeddingModel;
import io.nootropic.api.retrieval.MatchReason;
import io.nootropic.api.retrieval.PackedContext;
import io.nootropic.api.retrieval.Retriever;
import io.nootropic.api.retrieval.SearchFilters;
import io.nootropic.api.retrieval.SearchHit;
import io.nootropic.api.retrieval.SearchMode;
import io.nootropic.api.retrieval.SearchQuery;
import io.nootropic.context.internal.CodeAnalyzer;
import io.nootropic.context.internal.Fields;
import io.nootropic.context.internal.RepoMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;

/// A point-in-time view of a workspace index: one Lucene reader pinned for its whole life, so
/// every search, hydration and repo map in one agent run sees the same commit, whatever
/// re-indexing happens meanwhile. Close it when the run ends.
public final class IndexSnapshot implements Retriever {

  private static final int MAX_QUERY_TERMS = 200;
  private static final String[] TEXT_FIELDS = {Fields.CONTENT, Fields.SYMBOLS, Fields.PATH_TEXT};
  private static final float[] BOOSTS = {1f, 2f, 1.5f};

  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final IndexConfig config;
  private final String embedding;
  private final long generation;
  private Query[] lastFieldQueries;   // per-field queries of the BM25 search in progress

  IndexSnapshot(DirectoryReader reader, IndexConfig config) {
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    this.config = config;
    try {
      Map<String, String> data = reader.getIndexCommit().getUserData();
      this.embedding = data.getOrDefault(Fields.COMMIT_EMBEDDING, "none");
      this.generation = reader.getIndexCommit().getGeneration();
    } catch (IOException e) {
      throw new ContextException("cannot read commit data: " + e.getMessage(), e);
    }
  }

  /// The Lucene commit generation this view is pinned to.
  public long generation() {
    return generation;
  }

  /// The number of chunks in this view.
  public int chunkCount() {
    try {
      return searcher.count(new TermQuery(new Term(Fields.KIND, "chunk")));
    } catch (IOException e) {
      throw new ContextException("cannot count chunks: " + e.getMessage(), e);
    }
  }

  /// Whether this view has dense vectors.
  public boolean hasVectors() {
    return !"none".equals(embedding);
  }

  /// Searches; calls on one snapshot are serialised (open one snapshot per thread for parallel use).
  @Override
  public synchronized List<SearchHit> search(SearchQuery query) {
    Objects.requireNonNull(query, "query");
    try {
      Query filter = filterQuery(query.filters());
      return switch (query.mode()) {
        case BM25 -> toHits(bm25(query.text(), query.k(), filter), query.k());
        case DENSE -> {
          requireVectors();
          yield toHits(dense(query.text(), query.k(), filter), query.k());
        }
        case HYBRID -> hybrid(query, filter);
      };
    } catch (IOException e) {
      throw new ContextException("search failed: " + e.getMessage(), e);
    }
  }

  private void requireVectors() {
    if (!hasVectors()) {
      throw new ContextException("index " + config.indexDir() + " was built without embeddings; "
          + "re-index with an embedding model for dense search");
    }
    EmbeddingModel m = config.embeddingModel();
    String want = m == null ? "none" : m.name() + ":" + m.dimensions();
    if (!embedding.equals(want)) {
      throw new ContextException("index " + config.indexDir() + " holds " + embedding
          + " vectors but the configured model is " + want);
    }
  }

  /// One ranked document of one retriever.
  private record Ranked(int doc, float score, List<String> fields, String retriever, int rank) { }

  private List<SearchHit> hybrid(SearchQuery query, Query filter) throws IOException {
    int n = Math.max(50, query.k() * 4);
    List<Ranked> lexical = bm25(query.text(), n, filter);
    List<Ranked> vector = List.of();
    if (hasVectors() && config.embeddingModel() != null) {
      requireVectors();
      vector = dense(query.text(), n, filter);
    }
    Map<Integer, Double> fused = new HashMap<>();
    Map<Integer, List<Ranked>> why = new LinkedHashMap<>();
    for (Ranked r : lexical) {
      fused.merge(r.doc, config.bm25Weight() / (config.rrfK() + r.rank), Double::sum);
      why.computeIfAbsent(r.doc, d -> new ArrayList<>()).add(r);
    }
    for (Ranked r : vector) {
      fused.merge(r.doc, config.denseWeight() / (config.rrfK() + r.rank), Double::sum);
      why.computeIfAbsent(r.doc, d -> new ArrayList<>()).add(r);
    }
    List<Integer> order = new ArrayList<>(fused.keySet());
    order.sort(Comparator.comparingDouble((Integer d) -> -fused.get(d)).thenComparingInt(d -> d));
    List<SearchHit> out = new ArrayList<>();
    StoredFields sf = searcher.storedFields();
    for (int i = 0; i < Math.min(query.k(), order.size()); i++) {
      int doc = order.get(i);
      out.add(hit(sf, doc, fused.get(doc), why.get(doc)));
    }
    return out;
  }

  private List<SearchHit> toHits(List<Ranked> ranked, int k) throws IOException {
    List<SearchHit> out = new ArrayList<>();
    StoredFields sf = searcher.storedFields();
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      Ranked r = ranked.get(i);
      out.add(hit(sf, r.doc, r.score, List.of(r)));
    }
    return out;
  }

  private SearchHit hit(StoredFields sf, int doc, double score, List<Ranked> reasons) throws IOException {
    Document d = sf.document(doc);
    String symbols = d.get(Fields.SYMBOLS);
    List<MatchReason> mr = new ArrayList<>();
    for (Ranked r : reasons) {
      List<String> fields = r.retriever.equals("bm25") ? matchedFields(doc) : r.fields;
      mr.add(new MatchReason(r.retriever, r.rank, r.score, fields));
    }
    return new SearchHit(d.get(Fields.PATH), d.get(Fields.LANG),
        d.getField(Fields.START).numericValue().intValue(), d.getField(Fields.END).numericValue().intValue(),
        symbols == null || symbols.isBlank() ? List.of() : List.of(symbols.split(" ")),
        d.get(Fields.CONTENT), score, mr);
  }

  private List<Ranked> bm25(String text, int n, Query filter) throws IOException {
    lastFieldQueries = null;
    Set<String> terms = new LinkedHashSet<>(CodeAnalyzer.terms(text));
    if (terms.isEmpty()) {
      return List.of();
    }
    List<String> list = new ArrayList<>(terms);
    if (list.size() > MAX_QUERY_TERMS) {
      list = list.subList(0, MAX_QUERY_TERMS);
    }
    Query[] perField = new Query[TEXT_FIELDS.length];
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (int f = 0; f < TEXT_FIELDS.length; f++) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (String t : list) {
        b.add(new TermQuery(new Term(TEXT_FIELDS[f], t)), BooleanClause.Occur.SHOULD);
      }
      perField[f] = b.build();
      any.add(new BoostQuery(perField[f], BOOSTS[f]), BooleanClause.Occur.SHOULD);
    }
    any.setMinimumNumberShouldMatch(1);
    BooleanQuery.Builder top = new BooleanQuery.Builder();
    top.add(any.build(), BooleanClause.Occur.MUST);
    top.add(filter, BooleanClause.Occur.FILTER);
    TopDocs td = searcher.search(top.build(), n);
    List<Ranked> out = new ArrayList<>();
    int rank = 1;
    for (ScoreDoc sd : td.scoreDocs) {
      out.add(new Ranked(sd.doc, sd.score, List.of(), "bm25", rank++));
    }
    lastFieldQueries = perField;
    return out;
  }

  /// Which text fields of `doc` match the last BM25 query (computed only for returned hits).
  private List<String> matchedFields(int doc) throws IOException {
    if (lastFieldQueries == null) {
      return List.of();
    }
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    List<String> fields = new ArrayList<>();
    for (int f = 0; f < TEXT_FIELDS.length; f++) {
      Weight w = searcher.createWeight(searcher.rewrite(lastFieldQueries[f]), ScoreMode.COMPLETE_NO_SCORES, 1f);
      if (w.matches(leaf, doc - leaf.docBase) != null) {
        fields.add(TEXT_FIELDS[f].equals(Fields.PATH_TEXT) ? "path" : TEXT_FIELDS[f]);
      }
    }
    return fields;
  }

  private List<Ranked> dense(String text, int n, Query filter) throws IOException {
    EmbeddingModel model = config.embeddingModel();
    float[] q = model.embed(text);
    TopDocs td = searcher.search(new KnnFloatVectorQuery(Fields.VECTOR, q, n, filter), n);
    List<Ranked> out = new ArrayList<>();
    int rank = 1;
    for (ScoreDoc sd : td.scoreDocs) {
      // Lucene scores cosine as (1 + cos) / 2; report the cosine itself
      out.add(new Ranked(sd.doc, 2 * sd.score - 1, List.of("vector"), "dense", rank++));
    }
    return out;
  }

  private static Query filterQuery(SearchFilters filters) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new TermQuery(new Term(Fields.KIND, "chunk")), BooleanClause.Occur.FILTER);
    if (filters.language() != null) {
      b.add(new TermQuery(new Term(Fields.LANG, filters.language().toLowerCase(Locale.ROOT))), BooleanClause.Occur.FILTER);
    }
    if (filters.symbol() != null) {
      b.add(new TermQuery(new Term(Fields.SYMBOL_KEY, filters.symbol().toLowerCase(Locale.ROOT))), BooleanClause.Occur.FILTER);
    }
    if (filters.pathGlob() != null) {
      b.add(new RegexpQuery(new Term(Fields.PATH, globToLuceneRegexp(filters.pathGlob()))), BooleanClause.Occur.FILTER);
    }
    return b.build();
  }

  /// Translates a path glob to Lucene's regular-expression syntax: `**/` is any folders, `**`
  /// anything, `*` anything but `/`, `?` one character but `/`; a glob without `/` matches the
  /// file name in any folder.
  static String globToLuceneRegexp(String glob) {
    return translateGlob(glob, true);
  }

  /// The same translation for `java.util.regex` (for tests and local checks).
  static Pattern globRegex(String glob) {
    return Pattern.compile(translateGlob(glob, false));
  }

  private static String translateGlob(String glob, boolean lucene) {
    String g = glob.startsWith("/") ? glob.substring(1) : glob;
    StringBuilder sb = new StringBuilder();
    if (g.indexOf('/') < 0) {
      sb.append("(.*/)?");
    }
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*') {
        if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
          if (i + 2 < g.length() && g.charAt(i + 2) == '/') {
            sb.append("(.*/)?");
            i += 2;
          } else {
            sb.append(".*");
            i++;
          }
        } else {
          sb.append("[^/]*");
        }
      } else if (c == '?') {
        sb.append("[^/]");
      } else if (Character.isLetterOrDigit(c) || c == '/' || c == '_' || c == '-' && !lucene) {
        sb.append(c);
      } else if (lucene) {
        sb.append('\\').append(c);
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }

  @Override
  public PackedContext hydrate(List<SearchHit> hits, int tokenBudget, TokenCounter counter) {
    return ContextPacker.pack(hits, tokenBudget, counter);
  }

  @Override
  public String repoMap(int tokenBudget, TokenCounter counter) {
    try {
      return RepoMap.render(reader, tokenBudget, counter);
    } catch (IOException e) {
      throw new ContextException("cannot build the repo map: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new ContextException("cannot close the index view: " + e.getMessage(), e);
    }
  }
}
