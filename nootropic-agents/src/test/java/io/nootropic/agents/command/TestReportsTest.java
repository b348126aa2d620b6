package io.nootropic.agents.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.agents.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Surefire's JUnit XML reports are read into failures with their messages; a report with a DTD
/// is refused, so it cannot make the parser read other files.
class TestReportsTest {

  @TempDir Path dir;

  @Test
  void failuresErrorsSkipsAndPassesAreRead() throws IOException {
    Files.writeString(dir.resolve("TEST-com.example.CalcTest.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite name="com.example.CalcTest" tests="4" failures="1" errors="1" skipped="1">
          <testcase name="adds" classname="com.example.CalcTest" time="0.01">
            <failure message="expected: &lt;5&gt; but was: &lt;-1&gt;" type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: expected: &lt;5&gt; but was: &lt;-1&gt;
            at com.example.CalcTest.adds(CalcTest.java:12)</failure>
          </testcase>
          <testcase name="divides" classname="com.example.CalcTest">
            <error message="/ by zero" type="java.lang.ArithmeticException">java.lang.ArithmeticException: / by zero</error>
          </testcase>
          <testcase name="later" classname="com.example.CalcTest"><skipped/></testcase>
          <testcase name="subtracts" classname="com.example.CalcTest"/>
        </testsuite>
        """);
    TestReports.Summary s = TestReports.read(dir);
    assertThat(s.tests()).isEqualTo(4);
    assertThat(s.skipped()).isEqualTo(1);
    assertThat(s.passed()).containsExactly("com.example.CalcTest#subtracts");
    assertThat(s.failures()).extracting(TestReports.Failure::id)
        .containsExactly("com.example.CalcTest#adds", "com.example.CalcTest#divides");
    assertThat(s.failures().getFirst().message()).isEqualTo("expected: <5> but was: <-1>");
    assertThat(s.failures().get(1).kind()).isEqualTo("error");
    assertThat(s.green()).isFalse();
  }

  @Test
  void aReportWithADoctypeIsRefused() throws IOException {
    Files.writeString(dir.resolve("TEST-x.xml"), """
        <?xml version="1.0"?>
        <!DOCTYPE t [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <testsuite><testcase name="a" classname="b"><failure message="&xxe;"/></testcase></testsuite>
        """);
    assertThatThrownBy(() -> TestReports.read(dir)).isInstanceOf(IOException.class).hasMessageContaining("not valid XML");
  }

  @Test
  void theBuildIsDetectedFromItsFiles() throws IOException {
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    assertThat(BuildTool.detect(Workspace.open(dir))).get().satisfies(b -> {
      assertThat(b.name()).isEqualTo("maven");
      assertThat(b.testCommand()).startsWith("mvn");
      assertThat(b.reportDirs()).containsExactly("target/surefire-reports");
    });
    Files.writeString(dir.resolve("mvnw"), "#!/bin/sh\n");
    assertThat(BuildTool.detect(Workspace.open(dir)).orElseThrow().program()).isEqualTo("mvnw");
  }
}
