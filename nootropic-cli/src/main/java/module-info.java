/// The `nootropic` command-line tool.
module io.nootropic.cli {
  requires transitive io.nootropic.runtime;
  requires io.nootropic.context;
  requires io.nootropic.inference;
  requires io.nootropic.agents;
  requires io.nootropic.openai;
  requires transitive info.picocli;
  requires io.opentelemetry.sdk;
  requires io.opentelemetry.sdk.trace;
  requires io.opentelemetry.sdk.common;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires java.logging;

  exports io.nootropic.cli;
  exports io.nootropic.cli.common;
  opens io.nootropic.cli to info.picocli;
  opens io.nootropic.cli.registry to info.picocli;
  opens io.nootropic.cli.graph to info.picocli;
  opens io.nootropic.cli.inference to info.picocli;
  opens io.nootropic.cli.retrieval to info.picocli;
  opens io.nootropic.cli.routing to info.picocli;
  opens io.nootropic.cli.common to info.picocli;
  opens io.nootropic.cli.agents to info.picocli;

  provides io.nootropic.api.Describable with io.nootropic.cli.graph.DemoSleepCapability;
}
