package io.nootropic.runtime.reflexion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepairPolicyParserTest {

  static List<PolicyValidationException.Problem> problems(String yaml) {
    try {
      RepairPolicyParser.parse("policy.yaml", yaml);
    } catch (PolicyValidationException e) {
      return e.problems();
    }
    throw new AssertionError("expected the policy to be rejected");
  }

  @Test
  void aValidPolicyIsReadWithDefaults() {
    RepairPolicy p = RepairPolicyParser.parse("p", """
        version: 1
        maxAttempts: 3
        rules:
          - name: again
            match: {errorType: RATE_LIMITED, minFailures: 2}
            action: retry
        """);

    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.rules()).singleElement().satisfies(r -> {
      assertThat(r.maxTimes()).isEqualTo(3);
      assertThat(r.errorTypes()).containsExactly("rate_limited");
      assertThat(r.minFailures()).isEqualTo(2);
      assertThat(r.action()).isEqualTo(RepairAction.RETRY);
    });
  }

  @Test
  void jsonIsAcceptedToo() {
    RepairPolicy p = RepairPolicyParser.parse("p.json",
        "{\"maxAttempts\": 2, \"rules\": [{\"name\": \"r\", \"action\": \"rollback\", \"maxTimes\": 1}]}");
    assertThat(p.rules().getFirst().action()).isEqualTo(RepairAction.ROLLBACK);
  }

  @Test
  void anUnknownFieldIsRejectedWithItsLineAndField() {
    var problems = problems("""
        maxAttempts: 3
        rules:
          - name: again
            action: retry
            retries: 5
        """);

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(5);
      assertThat(p.column()).isEqualTo(5);
      assertThat(p.field()).isEqualTo("rules[0].retries");
      assertThat(p.message()).contains("unknown field 'retries'");
      assertThat(p.toString()).startsWith("policy.yaml:5:5: rules[0].retries: unknown field");
    });
  }

  @Test
  void rulesThatLoopThroughNextAreRejected() {
    var problems = problems("""
        maxAttempts: 5
        rules:
          - name: a
            action: retry
            next: b
          - name: b
            action: rollback
            next: a
        """);

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("rules[1].next");
      assertThat(p.line()).isEqualTo(8);
      assertThat(p.message()).contains("rules loop through next: a -> b -> a");
    });
  }

  @Test
  void aRuleThatNamesItselfAsNextIsALoop() {
    assertThat(problems("""
        maxAttempts: 5
        rules:
          - name: a
            action: retry
            next: a
        """)).singleElement().satisfies(p -> assertThat(p.message()).contains("a -> a"));
  }

  @Test
  void aPolicyWithoutABoundIsRejected() {
    assertThat(problems("""
        rules:
          - name: forever
            action: retry
        """)).singleElement().satisfies(p -> {
          assertThat(p.message()).contains("maxAttempts is required");
          assertThat(p.line()).isEqualTo(1);
        });
    assertThat(problems("maxAttempts: 1000\nrules: []\n")).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("maxAttempts");
      assertThat(p.message()).contains("[1, 20]");
    });
  }

  @Test
  void everyProblemIsReportedInDocumentOrder() {
    var problems = problems("""
        maxAttempts: 3
        rules:
          - name: ask
            action: escalate
          - name: swap
            action: switchModel
            revise: {temperature: 9}
          - name: jump
            action: fly
            next: nowhere
        """);

    assertThat(problems).extracting(PolicyValidationException.Problem::line, PolicyValidationException.Problem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3, "escalate needs timeoutSeconds: a person may never answer"),
            org.assertj.core.groups.Tuple.tuple(5, "switchModel needs model"),
            org.assertj.core.groups.Tuple.tuple(7, "must be a number in [0, 2], was 9"),
            org.assertj.core.groups.Tuple.tuple(9, "unknown action 'fly'; expected one of retry, rollback, switchModel, escalate"),
            org.assertj.core.groups.Tuple.tuple(10, "names no rule: 'nowhere'; rules are [ask, swap, jump]"));
  }

  @Test
  void syntaxErrorsAndDuplicateKeysGiveTheirLine() {
    assertThat(problems("maxAttempts: 3\nrules:\n  - name: [unclosed\n")).singleElement()
        .satisfies(p -> assertThat(p.line()).isGreaterThanOrEqualTo(3));
    assertThat(problems("maxAttempts: 3\nmaxAttempts: 4\nrules: []\n")).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.message()).contains("Duplicate field 'maxAttempts'");
    });
  }

  @Test
  void theExceptionMessageListsEveryProblem() {
    assertThatThrownBy(() -> RepairPolicyParser.parse("p.yaml", "maxAttempts: 0\nrules: {}\n"))
        .isInstanceOf(PolicyValidationException.class)
        .hasMessageContaining("p.yaml:1:")
        .hasMessageContaining("maxAttempts: must be an integer in [1, 20], was 0")
        .hasMessageContaining("rules: must be a list of rules");
  }

  @Test
  void jsonPoliciesNeedNoYamlLibraryAndYamlWithoutItIsExplained() throws Exception {
    // the runtime, Jackson and SLF4J on a class path without jackson-dataformat-yaml and snakeyaml
    java.net.URL[] path = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(e -> !e.contains("jackson-dataformat-yaml") && !e.contains("snakeyaml"))
        .map(e -> {
          try {
            return java.nio.file.Path.of(e).toUri().toURL();
          } catch (java.net.MalformedURLException ex) {
            throw new IllegalStateException(ex);
          }
        }).toArray(java.net.URL[]::new);
    try (java.net.URLClassLoader noYaml = new java.net.URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> noYaml.loadClass("com.fasterxml.jackson.dataformat.yaml.YAMLFactory"))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> parser = noYaml.loadClass(RepairPolicyParser.class.getName());
      java.lang.reflect.Method parse = parser.getMethod("parse", String.class, String.class);
      Object policy = parse.invoke(null, "p.json", """
          {"maxAttempts": 2, "rules": [{"name": "again", "action": "retry", "maxTimes": 1}]}""");
      assertThat(policy.getClass().getName()).isEqualTo(RepairPolicy.class.getName());
      assertThatThrownBy(() -> parse.invoke(null, "p.yaml", "maxAttempts: 2\nrules: []\n"))
          .hasRootCauseInstanceOf(RuntimeException.class)
          .rootCause().hasMessageContaining("jackson-dataformat-yaml").hasMessageContaining("JSON");
    }
  }
}
