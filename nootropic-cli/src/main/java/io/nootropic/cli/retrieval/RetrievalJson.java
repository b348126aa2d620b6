package io.nootropic.cli.retrieval;

import io.nootropic.api.retrieval.MatchReason;
import io.nootropic.api.retrieval.SearchHit;
import java.util.List;
import java.util.Locale;

/// Minimal JSON rendering for the retrieval commands' `--json` output.
final class RetrievalJson {

  private RetrievalJson() { }

  static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  static String num(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "null";
    }
    return String.format(Locale.ROOT, "%.6g", d).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
  }

  static String strings(List<String> list) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(str(list.get(i)));
    }
    return sb.append(']').toString();
  }

  static String hit(SearchHit h, boolean withContent) {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"path\":").append(str(h.path()))
        .append(",\"language\":").append(str(h.language()))
        .append(",\"startLine\":").append(h.startLine())
        .append(",\"endLine\":").append(h.endLine())
        .append(",\"symbols\":").append(strings(h.symbols()))
        .append(",\"score\":").append(num(h.score()))
        .append(",\"reasons\":[");
    for (int i = 0; i < h.reasons().size(); i++) {
      MatchReason r = h.reasons().get(i);
      sb.append(i == 0 ? "" : ",").append("{\"retriever\":").append(str(r.retriever()))
          .append(",\"rank\":").append(r.rank())
          .append(",\"score\":").append(num(r.score()))
          .append(",\"fields\":").append(strings(r.fields())).append('}');
    }
    sb.append(']');
    if (withContent) {
      sb.append(",\"content\":").append(str(h.content()));
    }
    return sb.append('}').toString();
  }
}
