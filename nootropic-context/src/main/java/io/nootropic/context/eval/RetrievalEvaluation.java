package io.nootropic.context.eval;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import io.nootropic.api.retrieval.EmbeddingModel;
import io.nootropic.api.retrieval.SearchHit;
import io.nootropic.api.retrieval.SearchMode;
import io.nootropic.api.retrieval.SearchQuery;
import io.nootropic.context.CodeIndex;
import io.nootropic.context.ContextException;
import io.nootropic.context.IndexConfig;
import io.nootropic.context.IndexProgress;
import io.nootropic.context.IndexSnapshot;
import io.nootropic.context.chunk.ChunkerConfig;
import io.nootropic.context.walk.RepositoryWalker;
import io.nootropic.context.walk.WalkerConfig;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Pattern;

/// Docstring-to-code retrieval evaluation on a Java repository.
///
/// Every documented method yields a query: the first sentence of its Javadoc (`/** ... */` or
/// Markdown `///`). The repository is indexed into a temporary folder with all documentation
/// comments blanked out (line numbers kept), so a query cannot match its own text; the answer is
/// the chunk covering the method's name line. Reports MRR@k and Recall@k for BM25, dense and
/// hybrid retrieval. Queries whose sentence is shared by several methods are left out.
public final class RetrievalEvaluation {

  private static final Pattern TAGS = Pattern.compile("<[^>]+>");
  private static final Pattern INLINE = Pattern.compile("\\{@\\w+\\s+([^}]*)}");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\[[^\\]]*]|\\[([^\\]]+)]");

  private RetrievalEvaluation() { }

  /// Settings of a run.
  ///
  /// @param maxQueries at most this many queries (a seeded sample)
  /// @param k          metric cut-off
  /// @param model      the embedding model for dense and hybrid, or `null` for BM25 only
  /// @param seed       sampling seed
  public record Config(int maxQueries, int k, EmbeddingModel model, long seed) {
    /// Checks the fields.
    public Config {
      if (maxQueries < 1 || k < 1) {
        throw new IllegalArgumentException("maxQueries and k must be positive");
      }
    }
  }

  /// Collects the evaluation queries of a repository (all of them, in path order).
  public static List<DocQuery> queries(Path repo, int[] javaFilesOut) throws IOException {
    List<DocQuery> all = new ArrayList<>();
    int[] files = {0};
    ParserConfiguration cfg = new ParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE);
    new RepositoryWalker(WalkerConfig.ofDefaults()).walk(repo, f -> {
      if (!f.relativePath().endsWith(".java")) {
        return;
      }
      files[0]++;
      try {
        ParseResult<CompilationUnit> r = new JavaParser(cfg).parse(f.text());
        if (r.getResult().isEmpty() || !r.isSuccessful()) {
          return;
        }
        String[] lines = f.text().split("\n", -1);
        for (MethodDeclaration m : r.getResult().get().findAll(MethodDeclaration.class)) {
          if (m.getRange().isEmpty() || m.getName().getRange().isEmpty()) {
            continue;
          }
          String doc = docOf(m, lines);
          String sentence = doc == null ? null : firstSentence(doc);
          if (sentence == null || sentence.split("\\s+").length < 3) {
            continue;
          }
          all.add(new DocQuery(sentence, f.relativePath(), m.getNameAsString(),
              m.getName().getRange().get().begin.line, m.getRange().get().end.line));
        }
      } catch (RuntimeException | StackOverflowError e) {
        // a file JavaParser cannot handle gives no queries
      }
    });
    if (javaFilesOut != null && javaFilesOut.length > 0) {
      javaFilesOut[0] = files[0];
    }
    Map<String, Integer> counts = new HashMap<>();
    for (DocQuery q : all) {
      counts.merge(q.query().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
    }
    List<DocQuery> unique = new ArrayList<>();
    for (DocQuery q : all) {
      if (counts.get(q.query().toLowerCase(java.util.Locale.ROOT)) == 1) {
        unique.add(q);
      }
    }
    return unique;
  }

  private static String docOf(MethodDeclaration m, String[] lines) {
    if (m.getJavadocComment().isPresent()) {
      return m.getJavadocComment().get().parse().getDescription().toText();
    }
    // Markdown doc comments (///) right above the declaration, which JavaParser keeps as line comments
    List<String> doc = new ArrayList<>();
    for (int i = m.getRange().get().begin.line - 1; i >= 1 && i <= lines.length; i--) {
      String t = lines[i - 1].strip();
      if (!t.startsWith("///")) {
        break;
      }
      doc.add(0, t.substring(3).strip());
    }
    return doc.isEmpty() ? null : String.join("\n", doc);
  }

  /// The first sentence of a doc text, with tags, inline tags and link syntax reduced to words.
  static String firstSentence(String doc) {
    String t = INLINE.matcher(doc).replaceAll("$1");
    t = TAGS.matcher(t).replaceAll(" ");
    t = LINK.matcher(t).replaceAll("$1$2");
    t = t.replace('`', ' ').replace('#', ' ');
    // stop at a blank line or an @tag block
    int para = t.indexOf("\n\n");
    if (para >= 0) {
      t = t.substring(0, para);
    }
    int at = t.indexOf("\n@");
    if (at >= 0) {
      t = t.substring(0, at);
    }
    t = t.replaceAll("\\s+", " ").strip();
    int end = -1;
    for (int i = 0; i < t.length() - 1; i++) {
      if (t.charAt(i) == '.' && Character.isWhitespace(t.charAt(i + 1))) {
        end = i;
        break;
      }
    }
    if (end >= 0) {
      t = t.substring(0, end);
    } else if (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1);
    }
    return t.isBlank() ? null : t.strip();
  }

  /// Runs the evaluation.
  ///
  /// @throws ContextException if the repository cannot be read or indexed
  public static EvalReport run(Path repo, Config config, IndexProgress progress) {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(config, "config");
    Path tmp = null;
    try {
      int[] javaFiles = {0};
      List<DocQuery> candidates = queries(repo, javaFiles);
      List<DocQuery> sample = new ArrayList<>(candidates);
      Collections.shuffle(sample, new Random(config.seed()));
      if (sample.size() > config.maxQueries()) {
        sample = sample.subList(0, config.maxQueries());
      }
      tmp = Files.createTempDirectory("nootropic-eval");
      IndexConfig ic = IndexConfig.custom(repo)
          .indexDir(tmp)
          .chunker(ChunkerConfig.ofDefaults().withStripJavadoc(true))
          .embeddingModel(config.model())
          .build();
      long t0 = System.nanoTime();
      List<EvalReport.ModeResult> results = new ArrayList<>();
      int chunks;
      try (CodeIndex index = CodeIndex.open(ic)) {
        index.index(progress);
        long indexMillis = (System.nanoTime() - t0) / 1_000_000;
        try (IndexSnapshot s = index.snapshot()) {
          chunks = s.chunkCount();
          List<SearchMode> modes = config.model() == null ? List.of(SearchMode.BM25)
              : List.of(SearchMode.BM25, SearchMode.DENSE, SearchMode.HYBRID);
          for (SearchMode mode : modes) {
            results.add(score(s, sample, mode, config.k()));
          }
        }
        return new EvalReport(repo.toAbsolutePath().normalize().toString(), javaFiles[0], candidates.size(),
            sample.size(), chunks, config.k(), config.model() == null ? "none" : config.model().name(), results,
            indexMillis);
      }
    } catch (IOException e) {
      throw new ContextException("evaluation of " + repo + " failed: " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        deleteTree(tmp);
      }
    }
  }

  private static EvalReport.ModeResult score(IndexSnapshot s, List<DocQuery> queries, SearchMode mode, int k) {
    double rr = 0;
    int found = 0;
    long nanos = 0;
    for (DocQuery q : queries) {
      long t = System.nanoTime();
      List<SearchHit> hits = s.search(SearchQuery.of(q.query(), k, mode));
      nanos += System.nanoTime() - t;
      for (int i = 0; i < hits.size(); i++) {
        SearchHit h = hits.get(i);
        if (h.path().equals(q.path()) && h.startLine() <= q.nameLine() && h.endLine() >= q.nameLine()) {
          rr += 1.0 / (i + 1);
          found++;
          break;
        }
      }
    }
    int n = Math.max(1, queries.size());
    return new EvalReport.ModeResult(mode.externalName(), rr / n, (double) found / n, nanos / 1e6 / n);
  }

  private static void deleteTree(Path root) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // a leftover temp folder is harmless
    }
  }
}
