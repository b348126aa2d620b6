package io.nootropic.runtime.registry;

import io.nootropic.api.CapabilityKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/// A search over the registry: free-text keywords, required tags and an optional kind.
///
/// Keywords rank the results (exact name, then name words, tags, summary, description); tags and
/// kind only filter. With no keywords every capability that passes the filters matches, in name
/// order. Ties are broken by name, so results are deterministic.
///
/// ```java
/// registry.query(RegistryQuery.text("plan tasks").kind(CapabilityKind.AGENT).limit(5));
/// ```
///
/// @param text  free-text keywords, may be empty
/// @param tags  tags a capability must all carry (lower-case)
/// @param kind  the kind it must have, or `null` for any
/// @param limit at most this many results, positive
public record RegistryQuery(String text, List<String> tags, CapabilityKind kind, int limit) {

  /// No limit.
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /// Normalises the fields.
  public RegistryQuery {
    text = text == null ? "" : text.strip();
    tags = tags == null ? List.of() : tags.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).toList();
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
  }

  /// Every capability.
  public static RegistryQuery all() {
    return new RegistryQuery("", List.of(), null, UNLIMITED);
  }

  /// A keyword query.
  public static RegistryQuery text(String text) {
    return new RegistryQuery(text, List.of(), null, UNLIMITED);
  }

  /// A copy that also requires `tag`.
  public RegistryQuery tag(String tag) {
    List<String> more = new ArrayList<>(tags);
    more.add(Objects.requireNonNull(tag, "tag"));
    return new RegistryQuery(text, more, kind, limit);
  }

  /// A copy restricted to `kind` (`null` for any).
  public RegistryQuery kind(CapabilityKind kind) {
    return new RegistryQuery(text, tags, kind, limit);
  }

  /// A copy returning at most `limit` results.
  public RegistryQuery limit(int limit) {
    return new RegistryQuery(text, tags, kind, limit);
  }
}
