/// A small host application embedding Nootropic as a library.
module io.nootropic.example.host {
  requires io.nootropic.runtime;
  requires io.nootropic.inference;
  requires io.nootropic.agents;

  // an application, launched with -m io.nootropic.example.host/io.nootropic.example.host.HostApp:
  // nothing to export
}
