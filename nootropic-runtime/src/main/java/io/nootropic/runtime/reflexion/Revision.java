package io.nootropic.runtime.reflexion;

/// Changes applied to the next attempt of a step. `null` fields leave the value as it was.
///
/// @param temperature   a new sampling temperature
/// @param maxTokens     a new token limit
/// @param promptAppend  text appended to the prompt (revisions accumulate)
/// @param model         the model to use (`provider/model` or a model id)
/// @param guidance      a person's guidance from an escalation
public record Revision(Double temperature, Integer maxTokens, String promptAppend, String model, String guidance) {

  /// No change.
  public static final Revision NONE = new Revision(null, null, null, null, null);

  /// This revision with `later` applied on top: scalar fields are replaced, prompt additions and
  /// guidance accumulate.
  public Revision then(Revision later) {
    return new Revision(
        later.temperature != null ? later.temperature : temperature,
        later.maxTokens != null ? later.maxTokens : maxTokens,
        join(promptAppend, later.promptAppend),
        later.model != null ? later.model : model,
        join(guidance, later.guidance));
  }

  private static String join(String a, String b) {
    if (a == null || a.isEmpty()) {
      return b;
    }
    if (b == null || b.isEmpty()) {
      return a;
    }
    return a + "\n" + b;
  }
}
