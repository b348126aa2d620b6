/// Test support for Nootropic modules and third-party providers: shared fixtures, a scripted
/// HTTP server, and the contract tests every provider, retriever and task store extends.
module io.nootropic.testing {
  requires transitive io.nootropic.runtime;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;

  exports io.nootropic.testing;
}
