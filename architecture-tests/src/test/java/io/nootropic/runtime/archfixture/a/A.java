package io.nootropic.runtime.archfixture.a;

/// Fixture: half of a package cycle.
public final class A {
  /// Depends on package b.
  public static Object other() {
    return new io.nootropic.runtime.archfixture.b.B();
  }
}
