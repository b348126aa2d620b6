/// An example plugin: one agent contributed through ServiceLoader.
module io.nootropic.example.hello {
  requires transitive io.nootropic.api;

  exports io.nootropic.example.hello;

  provides io.nootropic.api.Describable with io.nootropic.example.hello.HelloAgent;
}
