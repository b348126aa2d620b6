/// Test support for Nootropic modules and third-party providers.
module io.nootropic.testing {
  requires transitive org.junit.jupiter.api;

  exports io.nootropic.testing;
}
