package io.nootropic.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.model.TokenCounter;
import io.nootropic.api.retrieval.PackedContext;
import io.nootropic.api.retrieval.Retriever;
import io.nootropic.api.retrieval.SearchFilters;
import io.nootropic.api.retrieval.SearchHit;
import io.nootropic.api.retrieval.SearchMode;
import io.nootropic.api.retrieval.SearchQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The contract every [Retriever] keeps over a small workspace the contract writes: a distinctive
/// identifier finds its file first; each hit's content is exactly its lines of the file; `k`,
/// path and language filters are honoured; scores are ordered; hybrid search always answers;
/// packed context and the repo map stay within their token budgets; and an open retriever is a
/// point-in-time view that a later change of the workspace does not alter.
///
/// Modelled on Lucene's `BaseKnnVectorsFormatTestCase`: extend it with the retriever under test.
///
/// @since 0.1
public abstract class RetrieverContract {

  /// The workspace of the current test, filled with [#INVOICE], [#USERS], [#DEPLOY] and a README.
  @TempDir
  protected Path workspace;

  /// A Java file with a distinctive method.
  protected static final String INVOICE = "src/main/java/com/acme/billing/InvoiceCalculator.java";
  /// A second Java file.
  protected static final String USERS = "src/main/java/com/acme/users/UserRepository.java";
  /// A Python script.
  protected static final String DEPLOY = "scripts/deploy.py";

  /// A retriever over `workspace` as it is now (indexed or read as the implementation needs).
  protected abstract Retriever open(Path workspace);

  @BeforeEach
  void writeTheWorkspace() throws IOException {
    write(INVOICE, """
        package com.acme.billing;

        /// Computes invoice totals, taxes and late fees.
        public final class InvoiceCalculator {

          /// The fee for paying late: two percent of the amount per week overdue.
          public long computeLateFee(long amountCents, int weeksOverdue) {
            if (weeksOverdue <= 0) {
              return 0;
            }
            return amountCents * 2 * weeksOverdue / 100;
          }

          /// The total with tax.
          public long totalWithTax(long amountCents, int taxPercent) {
            return amountCents + amountCents * taxPercent / 100;
          }
        }
        """);
    write(USERS, """
        package com.acme.users;

        import java.util.HashMap;
        import java.util.Map;
        import java.util.Optional;

        /// Keeps users in memory by their id.
        public final class UserRepository {
          private final Map<String, String> namesById = new HashMap<>();

          /// Stores a user's name.
          public void save(String id, String name) {
            namesById.put(id, name);
          }

          /// Finds a user's name.
          public Optional<String> findName(String id) {
            return Optional.ofNullable(namesById.get(id));
          }
        }
        """);
    write(DEPLOY, """
        import subprocess


        def deploy_release(version):
            \"\"\"Tags the release and pushes it to the deployment bucket.\"\"\"
            subprocess.run(["git", "tag", version], check=True)
            return upload_bundle(version)


        def upload_bundle(version):
            return "uploaded " + version
        """);
    write("README.md", "# Acme billing\n\nInvoices, users and deployment scripts.\n");
  }

  /// Writes a workspace file.
  protected final void write(String relative, String text) throws IOException {
    Path p = workspace.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private List<String> lines(String relative) throws IOException {
    return Files.readAllLines(workspace.resolve(relative), StandardCharsets.UTF_8);
  }

  @Test
  void aDistinctiveIdentifierFindsItsFileFirstWithItsExactLines() throws IOException {
    try (Retriever r = open(workspace)) {
      List<SearchHit> hits = r.search(SearchQuery.of("computeLateFee", 3, SearchMode.BM25));
      assertThat(hits).isNotEmpty();
      SearchHit first = hits.getFirst();
      assertThat(first.path()).isEqualTo(INVOICE);
      assertThat(first.language()).isEqualTo("java");
      assertThat(first.content()).contains("computeLateFee");
      List<String> file = lines(INVOICE);
      assertThat(first.endLine()).isLessThanOrEqualTo(file.size());
      assertThat(first.content().stripTrailing())
          .isEqualTo(String.join("\n", file.subList(first.startLine() - 1, first.endLine())).stripTrailing());
    }
  }

  @Test
  void kIsHonouredAndScoresAreOrdered() {
    try (Retriever r = open(workspace)) {
      List<SearchHit> hits = r.search(SearchQuery.of("amount cents name id version", 2, SearchMode.BM25));
      assertThat(hits).hasSizeBetween(1, 2);
      for (int i = 1; i < hits.size(); i++) {
        assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
      }
    }
  }

  @Test
  void pathAndLanguageFiltersRestrictTheHits() {
    try (Retriever r = open(workspace)) {
      List<SearchHit> scripts = r.search(new SearchQuery("version release", 10, SearchMode.BM25,
          new SearchFilters("scripts/**", null, null)));
      assertThat(scripts).isNotEmpty().allSatisfy(h -> assertThat(h.path()).startsWith("scripts/"));
      List<SearchHit> python = r.search(new SearchQuery("version release deploy", 10, SearchMode.BM25,
          new SearchFilters(null, "python", null)));
      assertThat(python).isNotEmpty().allSatisfy(h -> assertThat(h.language()).isEqualTo("python"));
      List<SearchHit> none = r.search(new SearchQuery("computeLateFee", 10, SearchMode.BM25,
          new SearchFilters("scripts/**", null, null)));
      assertThat(none).noneSatisfy(h -> assertThat(h.path()).isEqualTo(INVOICE));
    }
  }

  @Test
  void hybridSearchAlwaysAnswersAndNoMatchGivesNoHits() {
    try (Retriever r = open(workspace)) {
      assertThat(r.search(SearchQuery.of("find a user name by id", 5))).isNotEmpty();
      assertThat(r.search(SearchQuery.of("zqxjkvw", 5, SearchMode.BM25))).isEmpty();
    }
  }

  @Test
  void packedContextAndTheRepoMapStayWithinTheirBudgets() {
    try (Retriever r = open(workspace)) {
      List<SearchHit> hits = r.search(SearchQuery.of("computeLateFee totalWithTax save findName deploy_release", 10,
          SearchMode.BM25));
      PackedContext big = r.hydrate(hits, 10_000, TokenCounter.APPROXIMATE);
      assertThat(big.included()).isNotEmpty();
      assertThat(big.text()).contains(hits.getFirst().path());
      assertThat(big.tokens()).isEqualTo(TokenCounter.APPROXIMATE.count(big.text()));
      PackedContext small = r.hydrate(hits, 40, TokenCounter.APPROXIMATE);
      assertThat(TokenCounter.APPROXIMATE.count(small.text())).isLessThanOrEqualTo(40);
      assertThat(r.hydrate(List.of(), 100, TokenCounter.APPROXIMATE).included()).isEmpty();

      String map = r.repoMap(400, TokenCounter.APPROXIMATE);
      assertThat(TokenCounter.APPROXIMATE.count(map)).isLessThanOrEqualTo(400);
      assertThat(map).contains("InvoiceCalculator");
    }
  }

  @Test
  void anOpenRetrieverIsAPointInTimeView() throws IOException {
    try (Retriever before = open(workspace)) {
      write(INVOICE, lines(INVOICE).stream().map(l -> l.replace("computeLateFee", "lateFeeFor"))
          .reduce("", (a, b) -> a + b + "\n"));
      try (Retriever after = open(workspace)) {
        assertThat(after.search(SearchQuery.of("lateFeeFor", 3, SearchMode.BM25))).isNotEmpty()
            .first().satisfies(h -> assertThat(h.content()).contains("lateFeeFor"));
      }
      assertThat(before.search(SearchQuery.of("computeLateFee", 3, SearchMode.BM25))).isNotEmpty()
          .first().satisfies(h -> assertThat(h.content()).contains("computeLateFee"));
    }
  }
}
