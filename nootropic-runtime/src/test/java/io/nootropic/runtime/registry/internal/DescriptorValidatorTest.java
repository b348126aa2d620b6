package io.nootropic.runtime.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DescriptorValidatorTest {

  private static CapabilityDescriptor.Builder valid() {
    return CapabilityDescriptor.builder("demo.tool", CapabilityKind.TOOL).version("1.2.3").summary("Does a thing.");
  }

  private static List<String> problemsWithInput(String schema) {
    return DescriptorValidator.validate(valid().inputSchema(schema).build());
  }

  @Test
  void aWellFormedDescriptorHasNoProblems() {
    CapabilityDescriptor d = valid()
        .tags("demo", "c++", "net.http")
        .inputSchema("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "properties":{"path":{"type":"string","minLength":1},"n":{"type":["integer","null"]},
                           "opts":{"type":"array","items":{"enum":["a","b"]}}},
             "required":["path"],"additionalProperties":false,
             "$defs":{"x":{"anyOf":[{"type":"string"},true]}}}""")
        .outputSchema("true")
        .build();
    assertThat(DescriptorValidator.validate(d)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"coder", "model.local", "plugin-hello.greeter", "a1.b2-c3", "x"})
  void acceptsLowerCaseDottedOrDashedNames(String name) {
    assertThat(DescriptorValidator.validate(
        CapabilityDescriptor.builder(name, CapabilityKind.AGENT).summary("ok").build())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Coder", "has space", "1abc", "a..b", "a.", "-a", "a_b", "ümlaut", "a/b"})
  void rejectsBadNames(String name) {
    assertThat(DescriptorValidator.validate(
        CapabilityDescriptor.builder(name, CapabilityKind.AGENT).summary("ok").build()))
        .singleElement().asString().startsWith("name '" + name + "'");
  }

  @Test
  void rejectsOverlongNames() {
    String name = "a".repeat(65);
    assertThat(DescriptorValidator.validate(CapabilityDescriptor.builder(name, CapabilityKind.AGENT).summary("ok").build()))
        .singleElement().asString().contains("longer than 64");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7",
      "1.0.0-x.7.z.92", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85"})
  void acceptsSemanticVersions(String version) {
    assertThat(DescriptorValidator.validate(valid().version(version).build())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "1.0", "01.0.0", "1.02.0", "v1.0.0", "1.0.0-", "1.0.0-01", "1.0.0+", "1.0.0 ", "latest"})
  void rejectsOtherVersions(String version) {
    assertThat(DescriptorValidator.validate(valid().version(version).build()))
        .singleElement().asString().contains("not a semantic version");
  }

  @Test
  void summaryMustBeOneNonBlankLine() {
    assertThat(DescriptorValidator.validate(valid().summary(" ").build())).singleElement().asString().contains("summary is empty");
    assertThat(DescriptorValidator.validate(valid().summary("a\nb").build())).singleElement().asString().contains("single line");
    assertThat(DescriptorValidator.validate(valid().summary("x".repeat(201)).build())).singleElement().asString().contains("longer than 200");
  }

  @Test
  void tagsMustBeLowerCaseAndUnique() {
    assertThat(DescriptorValidator.validate(valid().tags("Upper").build())).singleElement().asString().contains("tag 'Upper'");
    assertThat(DescriptorValidator.validate(valid().tags("two words").build())).singleElement().asString().contains("tag 'two words'");
    assertThat(DescriptorValidator.validate(valid().tags("a", "a").build())).singleElement().asString().contains("repeated");
  }

  @Test
  void schemaMustBeJson() {
    assertThat(problemsWithInput("{\"type\": \"string\"")).singleElement().asString()
        .startsWith("inputSchema is not valid JSON").contains("line 1");
    assertThat(problemsWithInput("{} {}")).singleElement().asString().startsWith("inputSchema is not valid JSON");
  }

  @Test
  void schemaMustBeAnObjectOrBoolean() {
    assertThat(problemsWithInput("[]")).singleElement().asString().contains("#: a schema must be a JSON object or boolean");
    assertThat(problemsWithInput("\"string\"")).singleElement().asString().contains("found string");
    assertThat(problemsWithInput("false")).isEmpty();
  }

  @Test
  void typeMustBeKnown() {
    assertThat(problemsWithInput("{\"type\":\"text\"}")).singleElement().asString().contains("#/type: unknown type 'text'");
    assertThat(problemsWithInput("{\"type\":[]}")).singleElement().asString().contains("non-empty array");
    assertThat(problemsWithInput("{\"type\":[\"string\",\"string\"]}")).singleElement().asString().contains("repeated");
    assertThat(problemsWithInput("{\"type\":3}")).singleElement().asString().contains("#/type");
  }

  @Test
  void nestedSchemasAreCheckedWithTheirJsonPointer() {
    assertThat(problemsWithInput("{\"type\":\"object\",\"properties\":{\"a/b\":{\"type\":\"nope\"}}}"))
        .singleElement().asString().contains("#/properties/a~1b/type: unknown type 'nope'");
    assertThat(problemsWithInput("{\"type\":\"array\",\"items\":{\"type\":\"strng\"}}"))
        .singleElement().asString().contains("#/items/type");
    assertThat(problemsWithInput("{\"type\":\"array\",\"items\":[{\"type\":\"string\"}, 7]}"))
        .singleElement().asString().contains("#/items/1");
    assertThat(problemsWithInput("{\"anyOf\":[]}")).singleElement().asString().contains("#/anyOf: must be a non-empty array");
    assertThat(problemsWithInput("{\"oneOf\":[{\"type\":\"x\"}]}")).singleElement().asString().contains("#/oneOf/0/type");
    assertThat(problemsWithInput("{\"additionalProperties\":\"no\"}")).singleElement().asString().contains("#/additionalProperties");
  }

  @Test
  void propertiesAndRequiredMustBeWellFormed() {
    assertThat(problemsWithInput("{\"properties\":[]}")).singleElement().asString().contains("#/properties: must be an object");
    assertThat(problemsWithInput("{\"required\":\"a\"}")).singleElement().asString().contains("#/required: must be an array");
    assertThat(problemsWithInput("{\"required\":[\"a\",1]}")).singleElement().asString().contains("entries must be strings");
    assertThat(problemsWithInput("{\"required\":[\"a\",\"a\"]}")).singleElement().asString().contains("'a' is repeated");
    assertThat(problemsWithInput("{\"enum\":\"a\"}")).singleElement().asString().contains("#/enum: must be an array");
    assertThat(problemsWithInput("{\"minLength\":-1}")).singleElement().asString().contains("non-negative integer");
    assertThat(problemsWithInput("{\"description\":5}")).singleElement().asString().contains("must be a string");
  }

  @Test
  void bothSchemasAreCheckedAndAllProblemsListed() {
    CapabilityDescriptor d = CapabilityDescriptor.builder("Bad", CapabilityKind.TOOL).version("x").summary("")
        .inputSchema("{\"type\":\"strin\"}").outputSchema("nope").build();
    assertThat(DescriptorValidator.validate(d)).hasSize(5);
  }
}
