/// Nootropic's built-in agents. They reach models and retrieval only through the api's SPIs.
module io.nootropic.agents {
  requires transitive io.nootropic.api;
  requires io.nootropic.runtime;
  requires org.slf4j;

  // exports io.nootropic.agents;  (added with the first class of the package)
}
