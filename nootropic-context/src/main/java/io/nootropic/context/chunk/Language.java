package io.nootropic.context.chunk;

import java.util.Locale;

/// Source languages the chunker knows, found from file names.
public enum Language {
  /// Java, split with JavaParser.
  JAVA("java"),
  /// Kotlin, split lexically at braces.
  KOTLIN("kt", "kts"),
  /// Python, split by indentation.
  PYTHON("py", "pyi"),
  /// JavaScript, split lexically at braces.
  JAVASCRIPT("js", "mjs", "cjs", "jsx"),
  /// TypeScript, split lexically at braces.
  TYPESCRIPT("ts", "tsx", "mts", "cts"),
  /// Go, split lexically at braces.
  GO("go"),
  /// Rust, split lexically at braces.
  RUST("rs"),
  /// C and C headers, split lexically at braces.
  C("c", "h"),
  /// C++, split lexically at braces.
  CPP("cc", "cpp", "cxx", "hpp", "hh", "hxx"),
  /// C#, split lexically at braces.
  CSHARP("cs"),
  /// Anything else: split into windows.
  TEXT();

  private final String[] extensions;

  Language(String... extensions) {
    this.extensions = extensions;
  }

  /// The stable lower-case name stored in the index, e.g. `java`.
  public String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /// Whether the language has braces delimiting declarations.
  public boolean braceDelimited() {
    return this != PYTHON && this != TEXT;
  }

  /// The language of a file name or path, [#TEXT] when unknown.
  public static Language forPath(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return TEXT;
    }
    String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (Language l : values()) {
      for (String e : l.extensions) {
        if (e.equals(ext)) {
          return l;
        }
      }
    }
    return TEXT;
  }

  /// Looks a language up by its [#externalName()], ignoring case.
  ///
  /// @throws IllegalArgumentException naming the accepted values when unknown
  public static Language forName(String name) {
    for (Language l : values()) {
      if (l.name().equalsIgnoreCase(name)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown language '" + name
        + "'; expected one of java, kotlin, python, javascript, typescript, go, rust, c, cpp, csharp, text");
  }
}
