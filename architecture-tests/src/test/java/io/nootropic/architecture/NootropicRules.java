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
    "io.nootropic.agents.."
  };
  static final String[] EXAMPLE_PACKAGES = {"io.nootropic.cli..", "io.nootropic.example.."};

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
      .whereLayer("runtime").mayOnlyBeAccessedByLayers("agents")
      .whereLayer("context").mayNotBeAccessedByAnyLayer()
      .whereLayer("inference").mayNotBeAccessedByAnyLayer()
      .whereLayer("agents").mayNotBeAccessedByAnyLayer()
      .because("runtime, context and inference build on api only; agents reach models and retrieval through api SPIs");

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

  static final ArchRule ONLY_EXAMPLES_PRINT = noClasses().that().resideInAnyPackage(LIBRARY_PACKAGES)
      .should(ACCESS_STANDARD_STREAMS)
      .because("libraries log with SLF4J; only examples print");

  /// The `internal` packages of the module rooted at `root` are used by that module only.
  static ArchRule internalsStayInside(String root) {
    return noClasses().that().resideOutsideOfPackage(root + "..")
        .should().dependOnClassesThat().resideInAPackage(root + "..internal..")
        .because("internal packages are not exported and may change");
  }

  /// The public packages of all modules form no cycles. `internal` packages are implementation
  /// detail of their module (they implement public types and use them), so they are left out.
  static SliceRule publicPackagesFreeOfCycles() {
    return slices().assignedFrom(new PublicPackage()).should().beFreeOfCycles();
  }

  /// One slice per public Nootropic package; internal packages and other libraries are ignored.
  static final class PublicPackage implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String pkg = javaClass.getPackageName();
      return isPublic(pkg) ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
    }

    static boolean isPublic(String pkg) {
      return pkg.startsWith("io.nootropic.") && !pkg.contains(".internal.") && !pkg.endsWith(".internal");
    }

    @Override
    public String getDescription() {
      return "public Nootropic packages";
    }
  }
}
