package io.nootropic.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.nootropic.agents.archfixture.AgentUsingContextTooling;
import io.nootropic.agents.archfixture.AgentUsingRuntimeInternals;
import io.nootropic.context.archfixture.ContextUsingLangChain4j;
import io.nootropic.runtime.archfixture.RuntimeUsingLangChain4j;
import io.nootropic.runtime.archfixture.c.PublicUsingInternal;
import io.nootropic.runtime.archfixture.internal.InternalUsingPublic;
import io.nootropic.api.archfixture.ApiUsingRuntime;
import io.nootropic.runtime.archfixture.PrintingRuntimeClass;
import io.nootropic.runtime.archfixture.VectorOutsideInference;
import io.nootropic.runtime.archfixture.a.A;
import io.nootropic.runtime.archfixture.b.B;
import org.junit.jupiter.api.Test;

/// Each rule fails on a fixture (in test sources) that breaks it, so a rule that can never fail
/// would be noticed.
class RulesBiteTest {

  private static JavaClasses fixtures(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }

  @Test
  void apiPurityCatchesAnApiClassUsingTheRuntime() {
    assertThatThrownBy(() -> NootropicRules.API_IS_PURE.check(fixtures(ApiUsingRuntime.class)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("CapabilityRegistry");
  }

  @Test
  void layeringCatchesRuntimeUsingContext() {
    assertThatThrownBy(() -> NootropicRules.LAYERS.check(new ClassFileImporter().importClasses(
            PrintingRuntimeClass.class, io.nootropic.context.ContextException.class)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("ContextException");
  }

  @Test
  void printingIsCaughtInLibraries() {
    assertThatThrownBy(() -> NootropicRules.ONLY_THE_CLI_AND_EXAMPLES_PRINT.check(fixtures(PrintingRuntimeClass.class)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("System.out");
  }

  @Test
  void theVectorApiIsCaughtOutsideInferenceInternals() {
    assertThatThrownBy(() -> NootropicRules.VECTOR_API_IN_INFERENCE_INTERNALS_ONLY.check(fixtures(VectorOutsideInference.class)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("FloatVector");
  }

  @Test
  void usingAnotherModulesInternalsIsCaught() {
    assertThatThrownBy(() -> NootropicRules.internalsStayInside("io.nootropic.runtime").check(fixtures(AgentUsingRuntimeInternals.class)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("DescriptorValidator");
  }

  @Test
  void packageCyclesAreCaught() {
    assertThatThrownBy(() -> NootropicRules.packagesFreeOfCycles().check(fixtures(A.class, B.class)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
  }

  @Test
  void aCycleThroughAnInternalPackageIsCaught() {
    assertThatThrownBy(() -> NootropicRules.packagesFreeOfCycles().check(fixtures(PublicUsingInternal.class, InternalUsingPublic.class)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected")
        .hasMessageContaining("io.nootropic.runtime.archfixture.internal");
  }

  @Test
  void aHeavyDependencyOfTheRuntimeIsCaught() {
    assertThatThrownBy(() -> NootropicRules.RUNTIME_DEPENDENCIES.check(fixtures(RuntimeUsingLangChain4j.class)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("dev.langchain4j");
  }

  @Test
  void aHeavyDependencyOfContextIsCaught() {
    assertThatThrownBy(() -> NootropicRules.CONTEXT_DEPENDENCIES.check(fixtures(ContextUsingLangChain4j.class)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("dev.langchain4j");
  }

  @Test
  void toolingUsedOutsideTheCliIsCaught() {
    assertThatThrownBy(() -> NootropicRules.CLI_TOOLING_STAYS_WITH_THE_CLI.check(fixtures(AgentUsingContextTooling.class)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("RetrievalEvaluation");
  }
}
