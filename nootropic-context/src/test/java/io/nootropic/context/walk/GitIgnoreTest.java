package io.nootropic.context.walk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitIgnoreTest {

  @Test
  void unanchoredPatternsMatchAtAnyDepth() {
    GitIgnore g = GitIgnore.parse("*.log\nbuild\n");
    assertThat(g.isIgnored("app.log", false)).isTrue();
    assertThat(g.isIgnored("a/b/app.log", false)).isTrue();
    assertThat(g.isIgnored("a/build", true)).isTrue();
    assertThat(g.isIgnored("a/build/x.java", false)).isTrue();   // inside an ignored folder
    assertThat(g.isIgnored("a/builder.java", false)).isFalse();
    assertThat(g.isIgnored("log", false)).isFalse();
  }

  @Test
  void anchoredPatternsMatchOnlyFromTheRoot() {
    GitIgnore g = GitIgnore.parse("/out\ndocs/gen/\n");
    assertThat(g.isIgnored("out", true)).isTrue();
    assertThat(g.isIgnored("src/out", true)).isFalse();
    assertThat(g.isIgnored("docs/gen", true)).isTrue();
    assertThat(g.isIgnored("x/docs/gen", true)).isFalse();   // a middle slash anchors too
  }

  @Test
  void trailingSlashMatchesDirectoriesOnly() {
    GitIgnore g = GitIgnore.parse("cache/\n");
    assertThat(g.isIgnored("cache", true)).isTrue();
    assertThat(g.isIgnored("cache", false)).isFalse();
    assertThat(g.isIgnored("x/cache/file", false)).isTrue();
  }

  @Test
  void negationReincludesUnlessAParentFolderIsIgnored() {
    GitIgnore g = GitIgnore.parse("*.txt\n!keep.txt\nsecret/\n!secret/ok.txt\n");
    assertThat(g.isIgnored("a.txt", false)).isTrue();
    assertThat(g.isIgnored("keep.txt", false)).isFalse();
    assertThat(g.isIgnored("sub/keep.txt", false)).isFalse();
    assertThat(g.match("keep.txt", false)).isEqualTo(GitIgnore.Result.INCLUDED);
    assertThat(g.isIgnored("secret/ok.txt", false)).isTrue();   // git cannot re-include inside an excluded folder
  }

  @Test
  void lastMatchingRuleWins() {
    GitIgnore g = GitIgnore.parse("!important.log\n*.log\n");
    assertThat(g.isIgnored("important.log", false)).isTrue();
  }

  @Test
  void doubleStarForms() {
    GitIgnore g = GitIgnore.parse("**/tmp\nlogs/**\na/**/z\n");
    assertThat(g.isIgnored("tmp", true)).isTrue();
    assertThat(g.isIgnored("x/y/tmp", true)).isTrue();
    assertThat(g.isIgnored("logs/a/b.txt", false)).isTrue();
    assertThat(g.match("logs", true)).isEqualTo(GitIgnore.Result.NONE);  // logs/** matches inside, not the folder
    assertThat(g.isIgnored("a/z", false)).isTrue();
    assertThat(g.isIgnored("a/b/c/z", false)).isTrue();
    assertThat(g.isIgnored("b/a/z", false)).isFalse();
  }

  @Test
  void wildcardsClassesAndEscapes() {
    GitIgnore g = GitIgnore.parse("file?.c\n[abc]x.o\n[!0-9]y\n\\#hash\n\\!bang\nspace\\ \n# comment\n\n");
    assertThat(g.isIgnored("file1.c", false)).isTrue();
    assertThat(g.isIgnored("file10.c", false)).isFalse();
    assertThat(g.isIgnored("bx.o", false)).isTrue();
    assertThat(g.isIgnored("dx.o", false)).isFalse();
    assertThat(g.isIgnored("ay", false)).isTrue();
    assertThat(g.isIgnored("5y", false)).isFalse();
    assertThat(g.isIgnored("#hash", false)).isTrue();
    assertThat(g.isIgnored("!bang", false)).isTrue();
    assertThat(g.isIgnored("space ", false)).isTrue();
    assertThat(g.isIgnored("# comment", false)).isFalse();
    assertThat(g.size()).isEqualTo(6);
  }

  @Test
  void starDoesNotCrossFolders() {
    GitIgnore g = GitIgnore.parse("src/*.gen\n");
    assertThat(g.isIgnored("src/a.gen", false)).isTrue();
    assertThat(g.isIgnored("src/deep/a.gen", false)).isFalse();
  }

  @Test
  void malformedLinesAreSkippedNotFatal() {
    GitIgnore g = GitIgnore.parse("[unclosed\ntrailing\\\n/\n!\nok.txt\n");
    assertThat(g.isIgnored("ok.txt", false)).isTrue();
    assertThat(g.isIgnored("[unclosed", false)).isTrue();   // an unclosed bracket is a literal
  }
}
