package io.nootropic.runtime.archfixture.internal;

/// Fixture: an internal package using the public package that uses it.
public final class InternalUsingPublic {
  /// Depends on the public package.
  public Object back() {
    return io.nootropic.runtime.archfixture.c.PublicUsingInternal.make();
  }
}
