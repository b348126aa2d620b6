package io.nootropic.api;

import java.util.Locale;

/// What sort of capability a [CapabilityDescriptor] describes.
public enum CapabilityKind {
  /// An autonomous agent that takes a request and produces a response.
  AGENT,
  /// A bridge to an external system (a VCS, an issue tracker, a remote API).
  ADAPTER,
  /// A helper with no autonomy of its own.
  UTILITY,
  /// A provider of language or embedding models.
  MODEL_PROVIDER,
  /// A function a model may call.
  TOOL;

  /// The stable lower-case, dash-separated name used in JSON and on the command line.
  public String externalName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /// Looks a kind up by its [#externalName()] or enum name, ignoring case.
  ///
  /// @throws IllegalArgumentException naming the accepted values when `name` is unknown
  public static CapabilityKind forName(String name) {
    for (CapabilityKind kind : values()) {
      if (kind.externalName().equalsIgnoreCase(name) || kind.name().equalsIgnoreCase(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown capability kind '" + name + "'; expected one of agent, adapter, utility, model-provider, tool");
  }
}
