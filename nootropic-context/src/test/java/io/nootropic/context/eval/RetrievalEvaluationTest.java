package io.nootropic.context.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.context.IndexProgress;
import io.nootropic.context.embed.HashingEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalEvaluationTest {

  private static final String[] VERBS = {"compute", "validate", "render", "parse", "merge", "schedule", "encode", "archive"};
  private static final String[] NOUNS = {"invoice", "shipment", "customer", "ledger", "warehouse", "coupon", "payroll",
      "itinerary", "forecast", "passport", "thermostat", "playlist"};

  /// Writes a Java repository whose methods are documented in plain words that match their code.
  static void easyRepo(Path root, int files) throws Exception {
    Random rnd = new Random(7);
    for (int f = 0; f < files; f++) {
      StringBuilder sb = new StringBuilder("package fixture;\n\npublic class Service" + f + " {\n");
      for (int m = 0; m < 4; m++) {
        String verb = VERBS[rnd.nextInt(VERBS.length)];
        String a = NOUNS[rnd.nextInt(NOUNS.length)];
        String b = NOUNS[rnd.nextInt(NOUNS.length)];
        String name = verb + cap(a) + cap(b) + f + m;
        if (m % 2 == 0) {
          sb.append("  /** ").append(cap(verb)).append("s the ").append(a).append(" ").append(b)
              .append(" record number ").append(f).append(m).append(". More words here. */\n");
        } else {
          sb.append("  /// ").append(cap(verb)).append("s the ").append(a).append(" ").append(b)
              .append(" record number ").append(f).append(m).append(".\n  /// Second sentence.\n");
        }
        sb.append("  public int ").append(name).append("(int ").append(a).append("Count) {\n")
            .append("    int ").append(b).append("Total = ").append(a).append("Count * ").append(f + m).append(";\n")
            .append("    return ").append(b).append("Total;\n  }\n\n");
      }
      sb.append("}\n");
      Path p = root.resolve("src/fixture/Service" + f + ".java");
      Files.createDirectories(p.getParent());
      Files.writeString(p, sb.toString());
    }
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  @Test
  void extractsFirstSentencesOfJavadocAndMarkdownDocs(@TempDir Path repo) throws Exception {
    easyRepo(repo, 2);
    List<DocQuery> qs = RetrievalEvaluation.queries(repo, null);
    assertThat(qs).hasSize(8);
    assertThat(qs).allSatisfy(q -> {
      assertThat(q.query()).doesNotContain("More words").doesNotContain("Second sentence").doesNotEndWith(".");
      assertThat(q.query()).contains("record number");
    });
    DocQuery first = qs.stream().filter(q -> q.method().endsWith("00")).findFirst().orElseThrow();
    assertThat(Files.readAllLines(repo.resolve(first.path())).get(first.nameLine() - 1)).contains(first.method() + "(");
  }

  @Test
  void firstSentenceReducesMarkupToWords() {
    assertThat(RetrievalEvaluation.firstSentence("Returns the {@code size} of a <b>bag</b>. Then more."))
        .isEqualTo("Returns the size of a bag");
    assertThat(RetrievalEvaluation.firstSentence("Looks up a [Codec] by [#name()].\n\n@param x y"))
        .isEqualTo("Looks up a Codec by name()");
    assertThat(RetrievalEvaluation.firstSentence("   ")).isNull();
  }

  @Test
  void bm25AndHybridScoreWellOnAnEasyFixture(@TempDir Path repo) throws Exception {
    easyRepo(repo, 12);
    EvalReport r = RetrievalEvaluation.run(repo, new RetrievalEvaluation.Config(500, 10, new HashingEmbeddingModel(256), 1),
        IndexProgress.NONE);
    assertThat(r.javaFiles()).isEqualTo(12);
    assertThat(r.queries()).isEqualTo(48);
    assertThat(r.results()).extracting(EvalReport.ModeResult::mode).containsExactly("bm25", "dense", "hybrid");
    assertThat(r.result("bm25").mrr()).isGreaterThanOrEqualTo(0.5);
    assertThat(r.result("bm25").recall()).isGreaterThanOrEqualTo(0.8);
    assertThat(r.result("hybrid").recall()).isGreaterThanOrEqualTo(0.8);
    assertThat(r.result("dense").mrr()).isGreaterThan(0.2);
    for (EvalReport.ModeResult m : r.results()) {
      assertThat(m.mrr()).isBetween(0.0, 1.0).isLessThanOrEqualTo(m.recall());
    }
    // the evaluation index lives in a temp folder and never touches the workspace cache
    assertThat(Files.exists(repo.resolve(".nootropic-cache"))).isFalse();
  }

  @Test
  void queriesNeverMatchTheirOwnDocText(@TempDir Path repo) throws Exception {
    Files.createDirectories(repo.resolve("p"));
    Files.writeString(repo.resolve("p/A.java"),
        "package p;\nclass A {\n  /** Zanzibar quokka marmalade flows. */\n  void f() { }\n}\n");
    EvalReport r = RetrievalEvaluation.run(repo, new RetrievalEvaluation.Config(10, 10, null, 1), IndexProgress.NONE);
    assertThat(r.queries()).isEqualTo(1);
    assertThat(r.result("bm25").recall()).isZero();   // the words exist only in the stripped Javadoc
  }
}
