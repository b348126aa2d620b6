package io.nootropic.runtime.reflexion;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/// Reads a [RepairPolicy] from YAML or JSON and validates it, reporting every problem with its
/// line, column and field.
///
/// ```yaml
/// maxAttempts: 5                  # required, 1..20: no policy loops forever
/// rules:
///   - name: transient             # unique
///     match:                      # all conditions must hold; omitted = any failure
///       errorType: [RATE_LIMITED, SocketTimeoutException]
///       failedCheck: tests
///       minFailures: 1
///     action: retry               # retry | rollback | switchModel | escalate
///     maxTimes: 2                 # default: maxAttempts
///     revise: {temperature: 0.2, maxTokens: 512, promptAppend: "Fix the failing test."}
///     next: ask                   # rule that takes over when this one is used up (no cycles)
///   - name: ask
///     action: escalate
///     question: "The build still fails. Retry with your guidance?"
///     timeoutSeconds: 300         # required for escalate
///     onTimeout: fail             # fail | retry
/// ```
public final class RepairPolicyParser {

  /// JSON needs nothing beyond Jackson's core; YAML needs the optional `jackson-dataformat-yaml`,
  /// loaded only when a YAML document is read.
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper JSON_MAPPER = new ObjectMapper(JSON);

  /// The YAML factory and mapper, in a holder whose methods return Jackson's base types, so that
  /// neither reading JSON policies nor verifying this class loads a YAML class.
  private static final class Yaml {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
        .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final YAMLMapper MAPPER = new YAMLMapper(FACTORY);

    static JsonFactory factory() {
      return FACTORY;
    }

    static ObjectMapper mapper() {
      return MAPPER;
    }
  }
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Set<String> TOP = Set.of("version", "maxAttempts", "rules");
  private static final Set<String> RULE = Set.of("name", "match", "action", "maxTimes", "revise", "next", "model",
      "question", "timeoutSeconds", "onTimeout");
  private static final Set<String> MATCH = Set.of("errorType", "failedCheck", "minFailures");
  private static final Set<String> REVISE = Set.of("temperature", "maxTokens", "promptAppend");

  private RepairPolicyParser() { }

  /// Reads and validates a policy file.
  ///
  /// @throws PolicyValidationException listing every problem
  /// @throws IOException when the file cannot be read
  public static RepairPolicy parse(Path file) throws IOException {
    return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /// Reads and validates a policy document.
  ///
  /// @param source a name for messages (a file name)
  /// @param text   the YAML or JSON text
  /// @throws PolicyValidationException listing every problem
  public static RepairPolicy parse(String source, String text) {
    return new Run(source).parse(text);
  }

  private static final class Run {
    private final String source;
    private final List<PolicyValidationException.Problem> problems = new ArrayList<>();
    private final Map<String, JsonLocation> locations = new HashMap<>();

    Run(String source) {
      this.source = source;
    }

    void problem(String field, String message) {
      JsonLocation at = locations.get(field);
      String f = field;
      while (at == null && !f.isEmpty()) {
        int cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
        f = cut < 0 ? "" : f.substring(0, cut);
        at = locations.get(f);
      }
      problems.add(new PolicyValidationException.Problem(source, at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(), field, message));
    }

    RepairPolicy parse(String text) {
      JsonNode root;
      boolean json = text.stripLeading().startsWith("{");
      JsonFactory factory;
      ObjectMapper mapper;
      if (json) {
        factory = JSON;
        mapper = JSON_MAPPER;
      } else {
        try {
          factory = Yaml.factory();
          mapper = Yaml.mapper();
        } catch (NoClassDefFoundError e) {
          throw new PolicyValidationException(List.of(new PolicyValidationException.Problem(source, 1, 1, "",
              "a YAML policy needs com.fasterxml.jackson.dataformat:jackson-dataformat-yaml on the class path;"
                  + " add it, or write the policy as JSON")));
        }
      }
      try {
        root = mapper.readTree(text);
        try (JsonParser p = factory.createParser(text)) {
          if (p.nextToken() != null) {
            locations.put("", p.currentTokenLocation());
            walk(p, "");
          }
        }
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        throw new PolicyValidationException(List.of(new PolicyValidationException.Problem(source,
            at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "", "not valid YAML/JSON: " + e.getOriginalMessage())));
      } catch (IOException e) {
        throw new PolicyValidationException(List.of(new PolicyValidationException.Problem(source, 0, 0, "", e.getMessage())));
      }
      if (root == null || !root.isObject()) {
        problem("", "a policy must be a mapping with maxAttempts and rules");
        throw new PolicyValidationException(problems);
      }
      unknown(root, "", TOP);
      if (root.has("version") && !(root.get("version").canConvertToInt() && root.get("version").asInt() == 1)) {
        problem("version", "only version 1 is supported");
      }
      int maxAttempts = 0;
      if (!root.has("maxAttempts")) {
        problem("", "maxAttempts is required: without a bound a policy could retry forever");
      } else {
        maxAttempts = intIn(root.get("maxAttempts"), "maxAttempts", 1, RepairPolicy.MAX_ATTEMPTS_CAP);
      }
      List<RepairRule> rules = new ArrayList<>();
      Map<String, Integer> index = new LinkedHashMap<>();
      JsonNode rs = root.get("rules");
      if (rs == null) {
        problem("", "rules is required (use [] for none)");
      } else if (!rs.isArray()) {
        problem("rules", "must be a list of rules");
      } else {
        Map<String, String> links = new LinkedHashMap<>();
        for (int i = 0; i < rs.size(); i++) {
          JsonNode raw = rs.get(i);
          RepairRule r = rule(raw, "rules[" + i + "]", Math.max(1, maxAttempts));
          String name = raw.path("name").isTextual() ? raw.get("name").asText() : null;
          if (name != null) {
            if (index.putIfAbsent(name, i) != null) {
              problem("rules[" + i + "].name", "duplicate rule name '" + name + "'");
            } else {
              links.put(name, raw.path("next").isTextual() ? raw.get("next").asText() : null);
            }
          }
          if (r != null) {
            rules.add(r);
          }
        }
        checkNext(links, index);
      }
      if (!problems.isEmpty()) {
        problems.sort(Comparator.comparingInt(PolicyValidationException.Problem::line)
            .thenComparingInt(PolicyValidationException.Problem::column));
        throw new PolicyValidationException(problems);
      }
      return new RepairPolicy(maxAttempts, rules);
    }

    private void walk(JsonParser p, String path) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String child = path.isEmpty() ? p.currentName() : path + "." + p.currentName();
          locations.put(child, p.currentTokenLocation());
          p.nextToken();
          walk(p, child);
        }
      } else if (t == JsonToken.START_ARRAY) {
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          String child = path + "[" + i++ + "]";
          locations.put(child, p.currentTokenLocation());
          walk(p, child);
        }
      }
    }

    private void unknown(JsonNode node, String path, Set<String> allowed) {
      node.fieldNames().forEachRemaining(f -> {
        if (!allowed.contains(f)) {
          problem(path.isEmpty() ? f : path + "." + f, "unknown field '" + f + "'; expected one of "
              + allowed.stream().sorted().toList());
        }
      });
    }

    private int intIn(JsonNode n, String field, int min, int max) {
      if (n == null || !n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
        problem(field, "must be an integer in [" + min + ", " + max + "], was " + n);
        return min;
      }
      return n.asInt();
    }

    private String text(JsonNode n, String field) {
      if (n == null || !n.isTextual() || n.asText().isBlank()) {
        problem(field, "must be a non-empty string, was " + n);
        return null;
      }
      return n.asText();
    }

    private Set<String> strings(JsonNode n, String field) {
      Set<String> out = new LinkedHashSet<>();
      if (n == null) {
        return out;
      }
      if (n.isTextual()) {
        out.add(n.asText());
      } else if (n.isArray()) {
        for (int i = 0; i < n.size(); i++) {
          String s = text(n.get(i), field + "[" + i + "]");
          if (s != null) {
            out.add(s);
          }
        }
      } else {
        problem(field, "must be a string or a list of strings");
      }
      return out;
    }

    private RepairRule rule(JsonNode n, String path, int maxAttempts) {
      if (!n.isObject()) {
        problem(path, "a rule must be a mapping");
        return null;
      }
      int before = problems.size();
      unknown(n, path, RULE);
      String name = n.has("name") ? text(n.get("name"), path + ".name") : null;
      if (!n.has("name")) {
        problem(path, "name is required");
      } else if (name != null && !NAME.matcher(name).matches()) {
        problem(path + ".name", "must be 1-64 of letters, digits, '.', '_' or '-'");
      }
      RepairAction action = null;
      if (!n.has("action")) {
        problem(path, "action is required (retry, rollback, switchModel or escalate)");
      } else {
        String a = text(n.get("action"), path + ".action");
        if (a != null) {
          try {
            action = RepairAction.forName(a);
          } catch (IllegalArgumentException e) {
            problem(path + ".action", e.getMessage());
          }
        }
      }
      Set<String> errorTypes = Set.of();
      Set<String> checks = Set.of();
      int minFailures = 1;
      JsonNode m = n.get("match");
      if (m != null) {
        if (!m.isObject()) {
          problem(path + ".match", "must be a mapping");
        } else {
          unknown(m, path + ".match", MATCH);
          errorTypes = strings(m.get("errorType"), path + ".match.errorType");
          checks = strings(m.get("failedCheck"), path + ".match.failedCheck");
          if (m.has("minFailures")) {
            minFailures = intIn(m.get("minFailures"), path + ".match.minFailures", 1, RepairPolicy.MAX_ATTEMPTS_CAP);
          }
        }
      }
      int maxTimes = n.has("maxTimes") ? intIn(n.get("maxTimes"), path + ".maxTimes", 1, maxAttempts) : maxAttempts;
      Double temperature = null;
      Integer maxTokens = null;
      String promptAppend = null;
      JsonNode rv = n.get("revise");
      if (rv != null) {
        if (!rv.isObject()) {
          problem(path + ".revise", "must be a mapping");
        } else {
          unknown(rv, path + ".revise", REVISE);
          if (rv.has("temperature")) {
            JsonNode t = rv.get("temperature");
            if (!t.isNumber() || t.asDouble() < 0 || t.asDouble() > 2) {
              problem(path + ".revise.temperature", "must be a number in [0, 2], was " + t);
            } else {
              temperature = t.asDouble();
            }
          }
          if (rv.has("maxTokens")) {
            maxTokens = intIn(rv.get("maxTokens"), path + ".revise.maxTokens", 1, 1_000_000);
          }
          if (rv.has("promptAppend")) {
            promptAppend = text(rv.get("promptAppend"), path + ".revise.promptAppend");
          }
        }
      }
      String next = n.has("next") ? text(n.get("next"), path + ".next") : null;
      String model = n.has("model") ? text(n.get("model"), path + ".model") : null;
      if (action == RepairAction.SWITCH_MODEL && !n.has("model")) {
        problem(path, "switchModel needs model");
      } else if (action != RepairAction.SWITCH_MODEL && n.has("model")) {
        problem(path + ".model", "only a switchModel rule takes a model");
      }
      Duration timeout = null;
      boolean retryOnTimeout = false;
      if (action == RepairAction.ESCALATE) {
        if (!n.has("timeoutSeconds")) {
          problem(path, "escalate needs timeoutSeconds: a person may never answer");
        } else {
          timeout = Duration.ofSeconds(intIn(n.get("timeoutSeconds"), path + ".timeoutSeconds", 1, 86_400));
        }
        if (n.has("onTimeout")) {
          String ot = text(n.get("onTimeout"), path + ".onTimeout");
          if ("retry".equals(ot)) {
            retryOnTimeout = true;
          } else if (ot != null && !"fail".equals(ot)) {
            problem(path + ".onTimeout", "must be fail or retry, was '" + ot + "'");
          }
        }
      } else {
        for (String f : List.of("question", "timeoutSeconds", "onTimeout")) {
          if (n.has(f)) {
            problem(path + "." + f, "only an escalate rule takes " + f);
          }
        }
      }
      if (problems.size() > before || name == null || action == null) {
        return null;
      }
      return new RepairRule(name, errorTypes, checks, minFailures, action, maxTimes,
          new Revision(temperature, maxTokens, promptAppend, model, null), next,
          n.has("question") ? n.get("question").asText() : null, timeout, retryOnTimeout);
    }

    /// `next` must name an existing rule and the `next` links must not form a cycle.
    private void checkNext(Map<String, String> links, Map<String, Integer> index) {
      for (var e : links.entrySet()) {
        if (e.getValue() != null && !links.containsKey(e.getValue())) {
          problem("rules[" + index.get(e.getKey()) + "].next", "names no rule: '" + e.getValue() + "'; rules are " + links.keySet());
        }
      }
      Set<String> reported = new HashSet<>();
      for (String start : links.keySet()) {
        List<String> chain = new ArrayList<>();
        String r = start;
        while (r != null && links.containsKey(r) && !chain.contains(r)) {
          chain.add(r);
          r = links.get(r);
        }
        if (r != null && chain.contains(r)) {
          List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(r), chain.size()));
          if (reported.add(cycle.stream().sorted().toList().toString())) {
            cycle.add(r);
            problem("rules[" + index.get(chain.getLast()) + "].next", "rules loop through next: " + String.join(" -> ", cycle)
                + "; a policy must not be able to loop forever");
          }
        }
      }
    }
  }
}
