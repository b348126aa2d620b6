package io.nootropic.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;

/// The rules, shared by [ArchitectureTest] (real classes) and [RulesBiteTest] (fixtures that
/// break each rule).
final class NootropicRules {

  static final String[] LIBRARY_PACKAGES = {
    "io.nootropic.api..", "io.nootropic.runtime..", "io.nootropic.context..", "io.nootropic.inference..",
    "io.nootropic.agents..", "io.nootropic.openai..", "io.nootropic.langchain4j..", "io.nootropic.embeddings..",
    "io.nootropic.testing.."
  };
  static final String[] EXAMPLE_PACKAGES = {"io.nootropic.cli..", "io.nootropic.example.."};

  /// Packages a library exports only to the CLI (`exports ... to io.nootropic.cli`): tooling such
  /// as benchmarks and evaluations, not API.
  static final String[] CLI_TOOLING_PACKAGES = {
    "io.nootropic.context.eval..", "io.nootropic.inference.tooling..", "io.nootropic.runtime.tooling.."
  };

  private NootropicRules() {}

  static final ArchRule API_IS_PURE = noClasses().that().resideInAPackage("io.nootropic.api..")
      .should().dependOnClassesThat().resideOutsideOfPackages("io.nootropic.api..", "java..")
      .because("the api module holds contracts only and has no dependencies beyond java.base");

  static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("api").definedBy("io.nootropic.api..")
      .layer("runtime").definedBy("io.nootropic.runtime..")
      .layer("context").definedBy("io.nootropic.context..")
      .layer("inference").definedBy("io.nootropic.inference..")
      .layer("agents").definedBy("io.nootropic.agents..")
      .layer("integrations").definedBy("io.nootropic.openai..", "io.nootropic.langchain4j..", "io.nootropic.embeddings..")
      .layer("testing").definedBy("io.nootropic.testing..")
      .whereLayer("runtime").mayOnlyBeAccessedByLayers("agents", "integrations", "testing")
      .whereLayer("context").mayNotBeAccessedByAnyLayer()
      .whereLayer("inference").mayNotBeAccessedByAnyLayer()
      .whereLayer("agents").mayNotBeAccessedByAnyLayer()
      .whereLayer("integrations").mayNotBeAccessedByAnyLayer()
      .whereLayer("testing").mayNotBeAccessedByAnyLayer()
      .because("runtime, context and inference build on api only; agents reach models and retrieval through api SPIs;"
          + " integrations are optional artifacts nothing in the libraries may need");

  /// `nootropic-runtime` depends on Jackson, SLF4J's API, OpenTelemetry's API and Resilience4j,
  /// and on nothing else (YAML for repair policies is an optional dependency).
  static final ArchRule RUNTIME_DEPENDENCIES = noClasses().that().resideInAPackage("io.nootropic.runtime..")
      .should().dependOnClassesThat().resideOutsideOfPackages("io.nootropic.api..", "io.nootropic.runtime..",
          "java..", "com.fasterxml.jackson..", "org.slf4j..", "io.opentelemetry.api..", "io.opentelemetry.context..",
          "io.github.resilience4j..")
      .because("hosts that take the runtime get Jackson, SLF4J, OpenTelemetry's API and Resilience4j, nothing heavier");

  /// `nootropic-context` depends on Lucene, JavaParser and SLF4J's API only; embedders are optional
  /// artifacts found through the api's SPI.
  static final ArchRule CONTEXT_DEPENDENCIES = noClasses().that().resideInAPackage("io.nootropic.context..")
      .should().dependOnClassesThat().resideOutsideOfPackages("io.nootropic.api..", "io.nootropic.context..",
          "java..", "org.apache.lucene..", "com.github.javaparser..", "org.slf4j..")
      .because("the ONNX and DJL weight of a neural embedder belongs in its own artifact");

  static final ArchRule INFERENCE_IS_PURE_JDK = noClasses().that().resideInAPackage("io.nootropic.inference..")
      .should().dependOnClassesThat()
      .resideOutsideOfPackages("io.nootropic.api..", "io.nootropic.inference..", "java..", "jdk..")
      .because("the inference engine is pure JDK code");

  static final ArchRule NOTHING_DEPENDS_ON_EXAMPLES = noClasses().that().resideInAnyPackage(LIBRARY_PACKAGES)
      .should().dependOnClassesThat().resideInAnyPackage(EXAMPLE_PACKAGES);

  /// The GGUF API hands out `MemorySegment`s, so `java.lang.foreign` is allowed in all of inference.
  static final ArchRule PANAMA_IN_INFERENCE_ONLY = noClasses().that().resideOutsideOfPackage("io.nootropic.inference..")
      .should().dependOnClassesThat().resideInAnyPackage("java.lang.foreign..");

  static final ArchRule VECTOR_API_IN_INFERENCE_INTERNALS_ONLY = noClasses()
      .that().resideOutsideOfPackage("io.nootropic.inference.internal..")
      .should().dependOnClassesThat().resideInAnyPackage("jdk.incubator.vector..", "sun.misc..");

  /// Libraries log; the CLI (the product's front door) and the examples print. JUnit's own rules
  /// make the same exception for its console launcher.
  static final ArchRule ONLY_THE_CLI_AND_EXAMPLES_PRINT = noClasses().that().resideInAnyPackage(LIBRARY_PACKAGES)
      .should(ACCESS_STANDARD_STREAMS)
      .because("libraries log with SLF4J; only the CLI and the examples print");

  /// Tooling packages exported only to the CLI are used by their own module and the CLI alone.
  static final ArchRule CLI_TOOLING_STAYS_WITH_THE_CLI = noClasses()
      .that().resideOutsideOfPackages("io.nootropic.cli..", "io.nootropic.context..", "io.nootropic.inference..",
          "io.nootropic.runtime..")
      .should().dependOnClassesThat().resideInAnyPackage(CLI_TOOLING_PACKAGES)
      .because("benchmark and evaluation tooling is exported to the CLI only, not API");

  /// The `internal` packages of the module rooted at `root` are used by that module only.
  static ArchRule internalsStayInside(String root) {
    return noClasses().that().resideOutsideOfPackage(root + "..")
        .should().dependOnClassesThat().resideInAPackage(root + "..internal..")
        .because("internal packages are not exported and may change");
  }

  /// No package cycles anywhere: every Nootropic package, `internal` ones included, is a slice.
  static SliceRule packagesFreeOfCycles() {
    return slices().assignedFrom(new EveryPackage()).should().beFreeOfCycles();
  }

  /// One slice per Nootropic package (internal ones included); other libraries are ignored.
  static final class EveryPackage implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String pkg = javaClass.getPackageName();
      return pkg.startsWith("io.nootropic.") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "Nootropic packages, internal ones included";
    }
  }
}
