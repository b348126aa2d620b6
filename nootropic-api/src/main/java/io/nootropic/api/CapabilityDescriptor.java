package io.nootropic.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/// Describes one capability: what it is, what it takes and returns, and how stable it is.
///
/// Names are lower-case, dot- or dash-separated words (`coder`, `model.local`,
/// `plugin-hello.greeter`); versions are semantic versions. The runtime's registry enforces both.
///
/// @param name         unique, stable name, e.g. `planner` or `model.local`
/// @param kind         what sort of capability this is
/// @param version      semantic version of the capability, e.g. `1.2.0`
/// @param summary      one line for listings
/// @param description  longer Markdown text for generated docs
/// @param inputSchema  JSON Schema of the input
/// @param outputSchema JSON Schema of the output
/// @param tags         keywords used by search, lower-case
/// @param stability    how far hosts may rely on the contract
public record CapabilityDescriptor(
    String name,
    CapabilityKind kind,
    String version,
    String summary,
    String description,
    JsonSchema inputSchema,
    JsonSchema outputSchema,
    List<String> tags,
    Stability stability) {

  /// Checks for nulls and copies the tags; syntax checks are the registry's job.
  public CapabilityDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
    summary = summary == null ? "" : summary;
    description = description == null ? "" : description;
    inputSchema = inputSchema == null ? JsonSchema.ANY : inputSchema;
    outputSchema = outputSchema == null ? JsonSchema.ANY : outputSchema;
    tags = tags == null ? List.of() : List.copyOf(tags);
    stability = stability == null ? Stability.EXPERIMENTAL : stability;
  }

  /// Starts a builder for a descriptor with the given name and kind.
  public static Builder builder(String name, CapabilityKind kind) {
    return new Builder(name, kind);
  }

  /// Builds a [CapabilityDescriptor] step by step; defaults: version `0.1.0`, schemas that accept
  /// anything, no tags, [Stability#EXPERIMENTAL].
  public static final class Builder {
    private final String name;
    private final CapabilityKind kind;
    private String version = "0.1.0";
    private String summary = "";
    private String description = "";
    private JsonSchema inputSchema = JsonSchema.ANY;
    private JsonSchema outputSchema = JsonSchema.ANY;
    private final List<String> tags = new ArrayList<>();
    private Stability stability = Stability.EXPERIMENTAL;

    private Builder(String name, CapabilityKind kind) {
      this.name = name;
      this.kind = kind;
    }

    /// Sets the semantic version.
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /// Sets the one-line summary.
    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    /// Sets the long Markdown description.
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /// Sets the input JSON Schema.
    public Builder inputSchema(String json) {
      this.inputSchema = JsonSchema.of(json);
      return this;
    }

    /// Sets the output JSON Schema.
    public Builder outputSchema(String json) {
      this.outputSchema = JsonSchema.of(json);
      return this;
    }

    /// Adds search tags.
    public Builder tags(String... tags) {
      this.tags.addAll(List.of(tags));
      return this;
    }

    /// Sets the stability level.
    public Builder stability(Stability stability) {
      this.stability = stability;
      return this;
    }

    /// Builds the descriptor.
    public CapabilityDescriptor build() {
      return new CapabilityDescriptor(
          name, kind, version, summary, description, inputSchema, outputSchema, tags, stability);
    }
  }
}
