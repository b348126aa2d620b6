/// A small host application embedding Nootropic as a library.
module io.nootropic.example.host {
  requires io.nootropic.runtime;
  requires io.nootropic.agents;

  // exports io.nootropic.example.host;  (added with the first class of the package)
}
