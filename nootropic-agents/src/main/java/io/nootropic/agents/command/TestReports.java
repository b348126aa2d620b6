package io.nootropic.agents.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/// Reads JUnit XML test reports (Maven Surefire's `TEST-*.xml`, Gradle's `test-results`, pytest's
/// `--junitxml`): how many tests ran and which failed, with their messages. The XML parser
/// refuses DTDs and external entities, so a report cannot make it read other files.
public final class TestReports {

  /// One failed or erroring test.
  ///
  /// @param className the test class (or module), e.g. `com.example.GreeterTest`
  /// @param name      the test method
  /// @param kind      `failure` (an assertion) or `error` (an exception)
  /// @param type      the exception or assertion type, when given
  /// @param message   its message, when given
  /// @param detail    the first lines of the stack trace or output
  public record Failure(String className, String name, String kind, String type, String message, String detail) {

    /// `className#name`, as test selectors and SWE-bench-style tasks name a test.
    public String id() {
      return className + "#" + name;
    }
  }

  /// What the reports of one run say.
  ///
  /// @param tests    tests run
  /// @param skipped  tests skipped
  /// @param failures the failed and erroring tests
  /// @param passed   `className#name` of every test that passed
  /// @param reports  report files read
  public record Summary(int tests, int skipped, List<Failure> failures, List<String> passed, int reports) {

    /// Copies the lists.
    public Summary {
      failures = List.copyOf(failures);
      passed = List.copyOf(passed);
    }

    /// Whether tests ran and none failed.
    public boolean green() {
      return reports > 0 && tests > 0 && failures.isEmpty();
    }
  }

  private TestReports() {}

  /// Reads every `*.xml` report directly in `dir` (e.g. `target/surefire-reports`); an absent
  /// folder gives an empty summary.
  ///
  /// @throws IOException when a report cannot be read or is not JUnit XML
  public static Summary read(Path dir) throws IOException {
    return read(dir, java.time.Instant.EPOCH);
  }

  /// Reads the `*.xml` reports in `dir` written at or after `since` (older ones are left over
  /// from an earlier run, e.g. before a compilation error stopped the build).
  ///
  /// @throws IOException when a report cannot be read or is not JUnit XML
  public static Summary read(Path dir, java.time.Instant since) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return new Summary(0, 0, List.of(), List.of(), 0);
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".xml"))
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> {
            try {
              return !Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(since);
            } catch (IOException e) {
              return false;
            }
          }).sorted().toList();
    }
    int tests = 0;
    int skipped = 0;
    List<Failure> failures = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    DocumentBuilder builder = builder();
    for (Path f : files) {
      Document doc;
      try (InputStream in = Files.newInputStream(f)) {
        doc = builder.parse(in);
      } catch (SAXException e) {
        throw new IOException("the test report " + f + " is not valid XML: " + e.getMessage(), e);
      }
      NodeList cases = doc.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        tests++;
        String cls = c.getAttribute("classname");
        String name = c.getAttribute("name");
        Element problem = first(c, "failure");
        String kind = "failure";
        if (problem == null) {
          problem = first(c, "error");
          kind = "error";
        }
        if (problem != null) {
          String detail = problem.getTextContent().strip();
          List<String> lines = detail.lines().limit(12).toList();
          failures.add(new Failure(cls, name, kind, problem.getAttribute("type"), problem.getAttribute("message"),
              String.join("\n", lines)));
        } else if (first(c, "skipped") != null) {
          skipped++;
        } else {
          passed.add(cls + "#" + name);
        }
      }
    }
    return new Summary(tests, skipped, failures, passed, files.size());
  }

  private static Element first(Element parent, String tag) {
    NodeList l = parent.getElementsByTagName(tag);
    return l.getLength() == 0 ? null : (Element) l.item(0);
  }

  private static DocumentBuilder builder() throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IOException("no safe XML parser: " + e.getMessage(), e);
    }
  }
}
