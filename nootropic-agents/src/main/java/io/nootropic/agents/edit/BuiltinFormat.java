package io.nootropic.agents.edit;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;

/// What the built-in formats share: their capability descriptor.
abstract sealed class BuiltinFormat implements EditFormat
    permits WholeFileFormat, SearchReplaceFormat, UnifiedDiffFormat, ApplyPatchFormat {

  private final String summary;

  BuiltinFormat(String summary) {
    this.summary = summary;
  }

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("edit-format." + name(), CapabilityKind.UTILITY)
        .version("1.0.0")
        .summary(summary)
        .description(instructions())
        .tags("edit", "format", name())
        .build();
  }

  @Override
  public String toString() {
    return name();
  }
}
