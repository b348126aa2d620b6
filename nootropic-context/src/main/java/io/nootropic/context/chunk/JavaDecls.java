package io.nootropic.context.chunk;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.comments.Comment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// Finds Java declarations with JavaParser (types, methods, constructors, initializers and enum
/// constants with bodies); falls back to [BraceDecls] when the file does not parse.
final class JavaDecls {

  private JavaDecls() { }

  /// Returns the top-level declarations of `text`. Never throws.
  public static List<Decl> find(String text) {
    try {
      ParserConfiguration cfg = new ParserConfiguration()
          .setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE)
          .setAttributeComments(true);
      ParseResult<CompilationUnit> r = new JavaParser(cfg).parse(text);
      if (r.isSuccessful() && r.getResult().isPresent()) {
        List<Decl> out = new ArrayList<>();
        for (TypeDeclaration<?> t : r.getResult().get().getTypes()) {
          Decl d = visit(t, 0);
          if (d != null) {
            out.add(d);
          }
        }
        return out;
      }
    } catch (RuntimeException | StackOverflowError e) {
      // fall through to the lexical splitter
    }
    return BraceDecls.find(text, Language.JAVA);
  }

  private static Decl visit(BodyDeclaration<?> node, int depth) {
    if (depth > 64 || node.getRange().isEmpty()) {
      return null;
    }
    String name;
    List<BodyDeclaration<?>> members = new ArrayList<>();
    if (node instanceof TypeDeclaration<?> t) {
      name = t.getNameAsString();
      members.addAll(t.getMembers());
      if (t instanceof com.github.javaparser.ast.body.EnumDeclaration e) {
        members.addAll(e.getEntries());
      }
    } else if (node instanceof CallableDeclaration<?> c) {
      name = c.getNameAsString();
    } else if (node instanceof EnumConstantDeclaration e) {
      if (e.getClassBody().isEmpty()) {
        return null;
      }
      name = e.getNameAsString();
      members.addAll(e.getClassBody());
    } else if (node instanceof InitializerDeclaration i) {
      name = i.isStatic() ? "<clinit>" : "<init>";
    } else if (node instanceof com.github.javaparser.ast.body.CompactConstructorDeclaration cc) {
      name = cc.getNameAsString();
    } else {
      return null;
    }
    int start = node.getRange().get().begin.line;
    Optional<Comment> comment = node.getComment();
    if (comment.isPresent() && comment.get().getRange().isPresent()) {
      start = Math.min(start, comment.get().getRange().get().begin.line);
    }
    Decl d = new Decl(name, start, node.getRange().get().end.line);
    for (BodyDeclaration<?> m : members) {
      Decl c = visit(m, depth + 1);
      if (c != null) {
        d.children.add(c);
      }
    }
    return d;
  }
}
