package io.nootropic.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/// Nootropic's layering (STYLE.md section 8, DEVELOPERS.md) checked on the main classes of every
/// module, imported from their jars or class directories.
class ArchitectureTest {

  static JavaClasses classes() {
    return NootropicModules.all();
  }

  static List<String> allModules() {
    List<String> names = new ArrayList<>(NootropicModules.LIBRARIES.keySet());
    names.addAll(NootropicModules.EXAMPLES.keySet());
    return names.stream().sorted().toList();
  }

  static List<String> libraryRoots() {
    return NootropicModules.LIBRARIES.values().stream().sorted().toList();
  }

  @ParameterizedTest
  @MethodSource("allModules")
  void everyModuleIsImportedAndHasClassesInItsOwnPackages(String module) {
    assertThat(NootropicModules.locations()).as("module %s on the test class path", module).containsKey(module);
    JavaClasses imported = NootropicModules.byModule().get(module);
    String root = NootropicModules.LIBRARIES.getOrDefault(module, NootropicModules.EXAMPLES.get(module));
    assertThat(imported.stream().filter(c -> c.getPackageName().startsWith(root)))
        .as("classes imported from %s (a misconfigured import must not let the rules pass vacuously)", module)
        .isNotEmpty();
  }

  @Test
  void apiDependsOnNothingButTheJdk() {
    NootropicRules.API_IS_PURE.check(classes());
  }

  @Test
  void modulesAreLayered() {
    NootropicRules.LAYERS.check(classes());
  }

  @Test
  void inferenceUsesNoThirdPartyLibrary() {
    NootropicRules.INFERENCE_IS_PURE_JDK.check(classes());
  }

  @Test
  void nothingInTheLibrariesDependsOnExamples() {
    NootropicRules.NOTHING_DEPENDS_ON_EXAMPLES.check(classes());
  }

  @Test
  void examplesDoNotDependOnEachOther() {
    noClasses().that().resideInAPackage("io.nootropic.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nootropic.example.host..")
        .check(classes());
    noClasses().that().resideInAPackage("io.nootropic.example.host..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nootropic.cli..", "io.nootropic.example.hello..")
        .check(classes());
  }

  @ParameterizedTest
  @MethodSource("libraryRoots")
  void internalPackagesAreNotUsedFromOtherModules(String root) {
    NootropicRules.internalsStayInside(root).check(classes());
  }

  @Test
  void panamaIsConfinedToTheInferenceEngine() {
    NootropicRules.PANAMA_IN_INFERENCE_ONLY.check(classes());
  }

  @Test
  void theVectorApiAndUnsafeAreConfinedToTheInferenceInternals() {
    NootropicRules.VECTOR_API_IN_INFERENCE_INTERNALS_ONLY.check(classes());
  }

  @Test
  void onlyTheCliAndExamplesPrintToStandardStreams() {
    NootropicRules.ONLY_THE_CLI_AND_EXAMPLES_PRINT.check(classes());
  }

  @Test
  void packagesInternalOnesIncludedAreFreeOfCycles() {
    NootropicRules.packagesFreeOfCycles().check(classes());
  }

  @Test
  void theRuntimeUsesJacksonSlf4jOpenTelemetryAndResilience4jOnly() {
    NootropicRules.RUNTIME_DEPENDENCIES.check(classes());
  }

  @Test
  void contextUsesLuceneJavaParserAndSlf4jOnly() {
    NootropicRules.CONTEXT_DEPENDENCIES.check(classes());
  }

  @Test
  void toolingExportedToTheCliIsUsedByTheCliOnly() {
    NootropicRules.CLI_TOOLING_STAYS_WITH_THE_CLI.check(classes());
  }
}
