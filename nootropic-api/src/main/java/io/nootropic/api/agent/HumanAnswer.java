package io.nootropic.api.agent;

/// A person's answer to a [HumanQuestion].
///
/// @param approved whether the person approved (for yes/no questions)
/// @param choice   the option chosen, or `null`
/// @param guidance free text the person added (a revised instruction, a hint); empty if none
/// @param timedOut whether nobody answered in time (then `approved` is false)
public record HumanAnswer(boolean approved, String choice, String guidance, boolean timedOut) {

  /// Normalises the text fields.
  public HumanAnswer {
    guidance = guidance == null ? "" : guidance;
  }

  /// An approval with optional guidance.
  public static HumanAnswer approve(String guidance) {
    return new HumanAnswer(true, null, guidance, false);
  }

  /// A refusal with optional guidance.
  public static HumanAnswer deny(String guidance) {
    return new HumanAnswer(false, null, guidance, false);
  }

  /// No answer in time.
  public static HumanAnswer noAnswer() {
    return new HumanAnswer(false, null, "", true);
  }
}
