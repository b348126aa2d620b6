package io.nootropic.agents.workspace;

import java.util.List;
import java.util.regex.Pattern;

/// Globs over workspace-relative paths with `/` separators, compared ignoring case (so `.GIT/hooks`
/// is `.git/hooks` on a case-insensitive file system too): `**` any number of folders, `*` any
/// characters within one name, `?` one character.
final class Glob {

  private final List<Pattern> patterns;

  Glob(List<String> globs) {
    this.patterns = globs.stream().map(Glob::compile).toList();
  }

  boolean matches(String relative) {
    for (Pattern p : patterns) {
      if (p.matcher(relative).matches()) {
        return true;
      }
    }
    return false;
  }

  static Pattern compile(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
        boolean slashBefore = i > 0 && glob.charAt(i - 1) == '/';
        if (slashAfter) {
          re.append("(?:.*/)?");
          i += 2;
        } else if (slashBefore) {
          re.setLength(re.length() - 1); // the '/' before: "a/**" also matches "a"
          re.append("(?:/.*)?");
          i += 1;
        } else {
          re.append(".*");
          i += 1;
        }
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else if ("\\.[]{}()+-^$|".indexOf(c) >= 0) {
        re.append('\\').append(c);
      } else {
        re.append(c);
      }
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
