/// An example plugin: one agent contributed through ServiceLoader.
module io.nootropic.example.hello {
  requires io.nootropic.api;

  // exports io.nootropic.example.hello;  (added with the first class of the package)
}
