package io.nootropic.agents.edit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/// A reply written in the `diff` format but read as `whole` must not write its markers into the file.
class WholeFileFormatTest {

  @Test
  void searchReplaceMarkersInAWholeFileBlockAreAnError() {
    ParseResult r = new WholeFileFormat().parse("calc.js\n```js\n<<<<<<< SEARCH\n  return a - b;\n=======\n"
        + "  return a + b;\n>>>>>>> REPLACE\n```\n");
    assertThat(r.edits()).isEmpty();
    assertThat(r.errors()).singleElement().extracting(ParseResult.ParseError::message).asString()
        .contains("SEARCH/REPLACE markers").contains("calc.js");
  }

  @Test
  void aWholeFileStillParses() {
    ParseResult r = new WholeFileFormat().parse("calc.js\n```js\nfunction add(a, b) {\n  return a + b;\n}\n```\n");
    assertThat(r.errors()).isEmpty();
    assertThat(r.edits()).singleElement().isEqualTo(new Edit.Whole("calc.js", "function add(a, b) {\n  return a + b;\n}\n"));
  }
}
