package io.nootropic.agents.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/// Narrowing a test command to the tests that failed.
class BuildToolTest {

  @Test
  void mavenAndGradleSelectTheFailingTestsOthersCannot() {
    BuildTool maven = new BuildTool("maven", List.of("mvn", "-B", "-q", "test"), List.of("target/surefire-reports"));
    assertThat(maven.targeted(List.of("demo.StatsTest#mean", "demo.OtherTest#max()"))).contains(List.of(
        "mvn", "-B", "-q", "test", "-Dtest=demo.StatsTest#mean,demo.OtherTest#max", "-Dsurefire.failIfNoSpecifiedTests=false"));
    BuildTool gradle = new BuildTool("gradle", List.of("gradle", "test"), List.of());
    assertThat(gradle.targeted(List.of("demo.StatsTest#mean"))).contains(List.of("gradle", "test", "--tests", "demo.StatsTest.mean"));
    assertThat(new BuildTool("npm", List.of("npm", "test"), List.of()).targeted(List.of("x#y"))).isEmpty();
    assertThat(maven.targeted(List.of())).isEmpty();
  }
}
