package io.nootropic.context.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeChunkerTest {

  private final CodeChunker small = new CodeChunker(new ChunkerConfig(12, 4000, 8, 2, false));

  private static Chunk chunkWith(List<Chunk> chunks, String symbol) {
    return chunks.stream().filter(c -> c.symbols().contains(symbol)).findFirst()
        .orElseThrow(() -> new AssertionError("no chunk declares " + symbol + " in " + chunks));
  }

  @Test
  void javaSplitsAtMethodsWithJavaParserAndKeepsTheEnclosingClass() {
    String src = """
        package demo;

        import java.util.List;

        /** A class. */
        public class Big {
          private int a;

          /** First. */
          public int first(int x) {
            int y = x * 2;
            y += 1;
            y += 2;
            y += 3;
            y += 4;
            return y;
          }

          @Override
          public String toString() {
            return "Big";
          }

          static class Inner {
            void deep() { }
          }
        }
        """;
    List<Chunk> chunks = small.chunk("src/Big.java", src);
    Chunk first = chunkWith(chunks, "first");
    assertThat(first.symbols()).startsWith("Big");
    assertThat(first.startLine()).isEqualTo(9);   // takes in its Javadoc
    assertThat(first.endLine()).isBetween(17, 18);
    assertThat(first.content()).startsWith("  /** First. */").contains("return y;");
    Chunk ts = chunkWith(chunks, "toString");
    assertThat(ts.startLine()).isEqualTo(19);     // takes in its annotation
    assertThat(ts.symbols()).startsWith("Big", "toString");
    assertThat(chunkWith(chunks, "Inner").content()).contains("void deep()");
    assertThat(chunks).allSatisfy(c -> assertThat(c.language()).isEqualTo(Language.JAVA));
  }

  @Test
  void aSmallFileIsOneChunkNamingItsDeclarations() {
    List<Chunk> chunks = CodeChunker.ofDefaults().chunk("A.java", "package p;\n\npublic class A {\n  void f() { }\n}\n");
    assertThat(chunks).singleElement().satisfies(c -> {
      assertThat(c.startLine()).isEqualTo(1);
      assertThat(c.endLine()).isEqualTo(5);
      assertThat(c.symbols()).containsExactly("A", "f");
    });
  }

  @Test
  void brokenJavaFallsBackToTheLexicalSplitter() {
    String src = "public class Oops {\n  void ok() {\n    int x = 1;\n  }\n  void broken( {\n  }\n}\n";
    List<Chunk> chunks = CodeChunker.ofDefaults().chunk("Oops.java", src);
    assertThat(chunks).isNotEmpty();
    assertThat(chunks.getFirst().symbols()).contains("Oops");
  }

  @Test
  void pythonSplitsByIndentationWithDecorators() {
    String src = """
        import os


        @cached
        def load(path):
            \"\"\"Loads.

        def not_a_function_inside_a_docstring():
            \"\"\"
            with open(path) as f:
                return f.read()


        class Store:
            def get(self, key):
                return self.data[key]

            def put(self, key, value):
                self.data[key] = value
        """;
    CodeChunker c = new CodeChunker(new ChunkerConfig(10, 4000, 4, 1, false));
    List<Chunk> chunks = c.chunk("s.py", src);
    Chunk load = chunkWith(chunks, "load");
    assertThat(load.startLine()).isEqualTo(4);   // the decorator
    assertThat(load.content()).contains("return f.read()");
    assertThat(chunks).noneMatch(ch -> ch.symbols().contains("not_a_function_inside_a_docstring"));
    Chunk put = chunkWith(chunks, "put");
    assertThat(put.symbols()).startsWith("Store");
  }

  @Test
  void goRustKotlinTypescriptAndCFunctionsAreFound() {
    assertThat(names("m.go", "package main\n\nimport \"fmt\"\n\nfunc (s *Server) Serve(addr string) error {\n\treturn nil\n}\n\ntype Server struct {\n\tport int\n}\n"))
        .contains("Serve", "Server");
    assertThat(names("l.rs", "struct Point { x: i32 }\n\nimpl Point {\n    fn norm(&self) -> f64 {\n        let c = 'a';\n        0.0\n    }\n}\n\nfn main<'a>(s: &'a str) {\n}\n"))
        .contains("Point", "norm", "main");
    assertThat(names("k.kt", "class Repo(val db: Db) {\n    fun findUser(id: Long): User? {\n        return db.get(\"{\")\n    }\n}\n\nfun String.shout(): String {\n    return uppercase()\n}\n"))
        .contains("Repo", "findUser", "shout");
    assertThat(names("a.ts", "export const fetchUser = async (id: string) => {\n  return api.get(`/u/${id}`);\n};\n\ninterface Props {\n  name: string;\n}\n\nfunction helper() {\n  if (x) {\n  }\n}\n"))
        .contains("fetchUser", "Props", "helper").doesNotContain("if");
    assertThat(names("x.c", "#include <stdio.h>\n\nstatic int add(int a, int b) {\n  return a + b;\n}\n\nstruct node {\n  int v;\n};\n\nint main(void) {\n  for (int i = 0; i < 3; i++) {\n  }\n  return add(1, 2);\n}\n"))
        .contains("add", "node", "main").doesNotContain("for");
    assertThat(names("y.cpp", "namespace geo {\nclass Shape {\n public:\n  virtual double area() const {\n    return 0;\n  }\n};\n}\ndouble Circle::area() const {\n  return 3.14;\n}\n"))
        .contains("geo", "Shape", "area");
  }

  private static List<String> names(String path, String src) {
    CodeChunker c = new CodeChunker(new ChunkerConfig(3, 4000, 3, 1, false));
    ChunkedFile f = c.chunkFile(path, Language.forPath(path), src);
    return f.definitions().stream().map(ChunkedFile.Definition::name).toList();
  }

  @Test
  void longDeclarationsBecomeOverlappingWindows() {
    StringBuilder sb = new StringBuilder("def long_one():\n");
    for (int i = 0; i < 30; i++) {
      sb.append("    x").append(i).append(" = ").append(i).append('\n');
    }
    List<Chunk> chunks = new CodeChunker(new ChunkerConfig(10, 4000, 10, 3, false)).chunk("l.py", sb.toString());
    assertThat(chunks).hasSizeGreaterThan(3);
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i).startLine()).isEqualTo(chunks.get(i - 1).endLine() - 2);  // 3 lines shared
      assertThat(chunks.get(i).symbols()).containsExactly("long_one");
    }
    assertThat(chunks.getLast().endLine()).isEqualTo(31);
  }

  @Test
  void stripJavadocBlanksDocCommentsButKeepsLineNumbers() {
    String src = "class A {\n  /** Counts\n   * things. */\n  int count() { return 1; }\n  /// Markdown doc.\n  int two() { return 2; }\n  String s = \"/** not a comment */\";\n}\n";
    List<Chunk> chunks = new CodeChunker(ChunkerConfig.ofDefaults().withStripJavadoc(true)).chunk("A.java", src);
    String all = String.join("\n", chunks.stream().map(Chunk::content).toList());
    assertThat(all).doesNotContain("Counts").doesNotContain("things").doesNotContain("Markdown")
        .contains("\"/** not a comment */\"").contains("int count()");
    assertThat(chunks.getLast().endLine()).isEqualTo(8);
  }

  @Test
  void languageComesFromTheExtension() {
    assertThat(Language.forPath("a/b/C.java")).isEqualTo(Language.JAVA);
    assertThat(Language.forPath("x.TSX")).isEqualTo(Language.TYPESCRIPT);
    assertThat(Language.forPath("Makefile")).isEqualTo(Language.TEXT);
    assertThat(Language.forPath("lib.rs")).isEqualTo(Language.RUST);
    assertThat(Language.forName("cpp")).isEqualTo(Language.CPP);
  }
}
