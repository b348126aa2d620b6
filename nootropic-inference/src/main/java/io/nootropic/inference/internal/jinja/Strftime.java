package io.nootropic.inference.internal.jinja;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/// Python's `strftime` directives over a [ZonedDateTime] (C locale), for `strftime_now`.
final class Strftime {

  private Strftime() { }

  static String format(String pattern, ZonedDateTime t) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < pattern.length(); k++) {
      char c = pattern.charAt(k);
      if (c != '%' || k + 1 >= pattern.length()) {
        sb.append(c);
        continue;
      }
      char d = pattern.charAt(++k);
      switch (d) {
        case 'd' -> sb.append(String.format(Locale.ROOT, "%02d", t.getDayOfMonth()));
        case 'e' -> sb.append(String.format(Locale.ROOT, "%2d", t.getDayOfMonth()));
        case 'm' -> sb.append(String.format(Locale.ROOT, "%02d", t.getMonthValue()));
        case 'Y' -> sb.append(t.getYear());
        case 'y' -> sb.append(String.format(Locale.ROOT, "%02d", t.getYear() % 100));
        case 'H' -> sb.append(String.format(Locale.ROOT, "%02d", t.getHour()));
        case 'I' -> sb.append(String.format(Locale.ROOT, "%02d", (t.getHour() + 11) % 12 + 1));
        case 'M' -> sb.append(String.format(Locale.ROOT, "%02d", t.getMinute()));
        case 'S' -> sb.append(String.format(Locale.ROOT, "%02d", t.getSecond()));
        case 'p' -> sb.append(t.getHour() < 12 ? "AM" : "PM");
        case 'j' -> sb.append(String.format(Locale.ROOT, "%03d", t.getDayOfYear()));
        case 'B' -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'b', 'h' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'A' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7);
        case 'u' -> sb.append(t.getDayOfWeek().getValue());
        case 'Z' -> sb.append(t.getZone().getId());
        case '%' -> sb.append('%');
        default -> sb.append('%').append(d);
      }
    }
    return sb.toString();
  }
}
