package io.nootropic.runtime.archfixture.c;

/// Fixture: a public package using an internal one that uses it back.
public final class PublicUsingInternal {
  /// Depends on the internal package.
  public static Object make() {
    return new io.nootropic.runtime.archfixture.internal.InternalUsingPublic();
  }
}
