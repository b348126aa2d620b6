package io.nootropic.runtime.archfixture.b;

/// Fixture: the other half of a package cycle.
public final class B {
  /// Depends on package a.
  public Object back() {
    return io.nootropic.runtime.archfixture.a.A.other();
  }
}
