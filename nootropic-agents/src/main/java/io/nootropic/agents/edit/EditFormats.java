package io.nootropic.agents.edit;

import io.nootropic.api.Providers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/// The edit formats by name: the built-in `whole`, `diff`, `udiff` and `patch`, and any
/// [EditFormat] provider on the path (loaded as [Providers] loads every provider; a provider may
/// not take a built-in's name).
public final class EditFormats {

  private static final Map<String, EditFormat> BUILT_IN = new LinkedHashMap<>();

  static {
    for (EditFormat f : List.of(new WholeFileFormat(), new SearchReplaceFormat(), new UnifiedDiffFormat(),
        new ApplyPatchFormat())) {
      BUILT_IN.put(f.name(), f);
    }
  }

  private EditFormats() {}

  /// The built-in formats.
  public static List<EditFormat> builtIn() {
    return List.copyOf(BUILT_IN.values());
  }

  /// The format named `name` (ignoring case).
  ///
  /// @throws IllegalArgumentException naming the known formats when there is none
  public static EditFormat forName(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    EditFormat f = BUILT_IN.get(n);
    if (f != null) {
      return f;
    }
    Providers.Result<EditFormat, String> found = Providers.load(EditFormat.class, EditFormat::name, x -> x,
        "nootropic.edit-format");
    return found.find(n).filter(x -> !BUILT_IN.containsKey(x.name())).orElseThrow(() -> {
      List<String> names = new ArrayList<>(BUILT_IN.keySet());
      found.loaded().forEach(l -> names.add(l.name()));
      return new IllegalArgumentException("unknown edit format '" + name + "'; expected one of " + String.join(", ", names));
    });
  }
}
