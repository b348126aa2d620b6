package io.nootropic.context.chunk;

import java.util.ArrayList;
import java.util.List;

/// A declaration found in a source file: name, 1-based inclusive line range and nested members.
final class Decl {
  final String name;
  int start;
  int end;
  final List<Decl> children = new ArrayList<>();

  /// Creates a declaration.
  public Decl(String name, int start, int end) {
    this.name = name;
    this.start = start;
    this.end = end;
  }

  /// The name.
  public String name() {
    return name;
  }

  /// First line.
  public int start() {
    return start;
  }

  /// Last line.
  public int end() {
    return end;
  }

  /// Nested declarations.
  public List<Decl> children() {
    return children;
  }

  /// Moves the first line of a declaration (used to take in leading comments).
  public static void moveStart(Decl d, int start) {
    d.start = start;
  }

  /// Nests flat declarations by line containment (a declaration inside another's range becomes
  /// its child); overlapping ones that are not contained are dropped.
  public static List<Decl> nest(List<Decl> flat) {
    List<Decl> sorted = new ArrayList<>(flat);
    sorted.sort((a, b) -> a.start != b.start ? Integer.compare(a.start, b.start) : Integer.compare(b.end, a.end));
    List<Decl> roots = new ArrayList<>();
    List<Decl> stack = new ArrayList<>();
    for (Decl d : sorted) {
      while (!stack.isEmpty() && d.start > stack.getLast().end) {
        stack.removeLast();
      }
      if (stack.isEmpty()) {
        if (!roots.isEmpty() && d.start <= roots.getLast().end) {
          continue;
        }
        roots.add(d);
      } else {
        Decl parent = stack.getLast();
        if (d.end > parent.end) {
          continue;
        }
        parent.children.add(d);
      }
      stack.add(d);
    }
    return roots;
  }

  @Override
  public String toString() {
    return name + "[" + start + "-" + end + "]" + (children.isEmpty() ? "" : children);
  }
}
