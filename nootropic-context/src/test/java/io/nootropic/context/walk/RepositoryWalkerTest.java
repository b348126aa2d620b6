package io.nootropic.context.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryWalkerTest {

  @TempDir Path root;

  private void write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private List<String> accepted(WalkerConfig c, List<WalkProblem> problems) throws IOException {
    return new RepositoryWalker(c).collect(root, problems).stream().map(SourceFile::relativePath).sorted().toList();
  }

  @Test
  void honoursRootAndNestedGitignoreFiles() throws IOException {
    write(".gitignore", "*.log\ngenerated/\n");
    write("a.java", "class A {}");
    write("debug.log", "x");
    write("generated/G.java", "class G {}");
    write("sub/.gitignore", "!keep.log\nlocal.txt\n");
    write("sub/keep.log", "kept by negation in the nested file");
    write("sub/other.log", "still ignored by the root file");
    write("sub/local.txt", "ignored by the nested file");
    write("local.txt", "not ignored at the root");
    List<String> files = accepted(WalkerConfig.ofDefaults(), null);
    assertThat(files).containsExactly(".gitignore", "a.java", "local.txt", "sub/.gitignore", "sub/keep.log");
  }

  @Test
  void configurableIgnoreListAndDefaults() throws IOException {
    write("src/A.java", "class A {}");
    write("target/classes/A.class", "cafebabe");
    write("node_modules/x/index.js", "x");
    write(".git/config", "[core]");
    write("docs/notes.md", "notes");
    assertThat(accepted(WalkerConfig.ofDefaults(), null)).containsExactly("docs/notes.md", "src/A.java");
    assertThat(accepted(WalkerConfig.ofDefaults().withIgnorePatterns(List.of("docs/")), null))
        .containsExactly("node_modules/x/index.js", "src/A.java", "target/classes/A.class");
  }

  @Test
  void skipsBinariesAndLargeFilesAndReportsThem() throws IOException {
    write("ok.txt", "fine");
    Files.write(root.resolve("blob.bin"), new byte[] {1, 2, 0, 3});
    write("big.txt", "x".repeat(5000));
    List<WalkProblem> problems = new ArrayList<>();
    assertThat(accepted(WalkerConfig.ofDefaults().withMaxFileBytes(4096), problems)).containsExactly("ok.txt");
    assertThat(problems).extracting(WalkProblem::path, WalkProblem::kind).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("blob.bin", WalkProblem.Kind.BINARY),
        org.assertj.core.groups.Tuple.tuple("big.txt", WalkProblem.Kind.TOO_LARGE));
  }

  @Test
  void invalidUtf8IsReadWithReplacementAndReported() throws IOException {
    Files.write(root.resolve("bad.txt"), new byte[] {'a', (byte) 0xC3, (byte) 0x28, 'b'});
    List<WalkProblem> problems = new ArrayList<>();
    List<SourceFile> files = new RepositoryWalker(WalkerConfig.ofDefaults()).collect(root, problems);
    assertThat(files).singleElement().satisfies(f -> assertThat(f.text()).isEqualTo("a\uFFFD(b"));
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo(WalkProblem.Kind.INVALID_UTF8));
  }

  @Test
  void symlinkLoopsAndBrokenLinksAreReportedNotFatal() throws IOException {
    write("real/A.java", "class A {}");
    Files.createSymbolicLink(root.resolve("real/loop"), root.resolve("real"));
    Files.createSymbolicLink(root.resolve("dangling.txt"), root.resolve("missing.txt"));
    List<WalkProblem> problems = new ArrayList<>();
    assertThat(accepted(WalkerConfig.ofDefaults(), problems)).containsExactly("real/A.java");
    assertThat(problems).extracting(WalkProblem::kind)
        .contains(WalkProblem.Kind.SYMLINK_LOOP, WalkProblem.Kind.UNREADABLE);
  }

  @Test
  void linksLeadingOutsideTheWorkspaceAreNotFollowed(@TempDir Path outside) throws IOException {
    Files.writeString(outside.resolve("secret.txt"), "outside");
    write("in/A.java", "class A {}");
    Files.createSymbolicLink(root.resolve("in/out"), outside);
    Files.createSymbolicLink(root.resolve("in/s.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("in"));   // inside: followed
    List<WalkProblem> problems = new ArrayList<>();
    assertThat(accepted(WalkerConfig.ofDefaults(), problems)).containsExactly("alias/A.java", "in/A.java");
    assertThat(problems).extracting(WalkProblem::kind).containsOnly(WalkProblem.Kind.OUTSIDE_WORKSPACE).hasSize(4);
  }

  @Test
  void unreadableFilesAreReported() throws IOException {
    write("ok.txt", "fine");
    Path secret = root.resolve("secret.txt");
    Files.writeString(secret, "x");
    boolean restricted = secret.toFile().setReadable(false, false);
    try {
      List<WalkProblem> problems = new ArrayList<>();
      List<String> files = accepted(WalkerConfig.ofDefaults(), problems);
      if (restricted && !Files.isReadable(secret)) {
        assertThat(files).containsExactly("ok.txt");
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo(WalkProblem.Kind.UNREADABLE));
      } else {
        // running as root: permissions do not stop reading, so the file is simply accepted
        assertThat(files).containsExactly("ok.txt", "secret.txt");
      }
    } finally {
      secret.toFile().setReadable(true, false);
    }
  }

  @Test
  void hashesAreOfTheRawBytes() throws IOException {
    write("a.txt", "abc");
    SourceFile f = new RepositoryWalker(WalkerConfig.ofDefaults()).collect(root, null).getFirst();
    assertThat(f.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(f.bytes()).isEqualTo(3);
  }

  @Test
  void aMissingRootIsAnError() {
    assertThatThrownBy(() -> new RepositoryWalker(WalkerConfig.ofDefaults()).collect(root.resolve("nope"), null))
        .isInstanceOf(IOException.class).hasMessageContaining("not a directory");
  }
}
