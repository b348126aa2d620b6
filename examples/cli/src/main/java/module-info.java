/// The `nootropic` command-line tool.
module io.nootropic.cli {
  requires io.nootropic.runtime;
  requires io.nootropic.context;
  requires io.nootropic.inference;
  requires io.nootropic.agents;
  requires transitive info.picocli;

  exports io.nootropic.cli;
  opens io.nootropic.cli to info.picocli;
}
