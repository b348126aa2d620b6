/// The `nootropic` command-line tool.
module io.nootropic.cli {
  requires io.nootropic.runtime;
  requires io.nootropic.context;
  requires io.nootropic.inference;
  requires io.nootropic.agents;
  requires info.picocli;

  // exports io.nootropic.cli;  (added with the first class of the package)
  // opens io.nootropic.cli to info.picocli;
}
