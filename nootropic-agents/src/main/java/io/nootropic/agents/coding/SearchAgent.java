package io.nootropic.agents.coding;

import io.nootropic.agents.runtime.RunContext;
import io.nootropic.agents.workspace.Workspace;
import io.nootropic.agents.workspace.WorkspaceException;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.AgentResponse;
import io.nootropic.api.memory.Episode;
import io.nootropic.api.model.TokenCounter;
import io.nootropic.api.retrieval.PackedContext;
import io.nootropic.api.retrieval.Retriever;
import io.nootropic.api.retrieval.SearchHit;
import io.nootropic.api.retrieval.SearchQuery;
import io.nootropic.runtime.agent.AgentInvocation;
import io.nootropic.runtime.agent.BaseAgent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Gathers the code a prompt needs, under a token budget: first the files the evidence names
/// (failing tests, stack frames, paths in the output, and the class a test is named after), then
/// what the retrieval SPI finds for the goal (whole files, then packed chunks), the repository map,
/// and the most similar past episodes from memory. Works without a retriever, from file names.
public final class SearchAgent extends BaseAgent<SearchAgent.Query, CodeContext> {

  /// What to search for.
  ///
  /// @param goal        the goal, in words
  /// @param evidence    text naming code: failing test ids, test output
  /// @param tokenBudget the most tokens the context may take
  public record Query(String goal, String evidence, int tokenBudget) {}

  private static final Pattern SOURCE_NAME = Pattern.compile("([A-Za-z0-9_$./-]+)\\.(java|kt|js|mjs|cjs|ts|py|go|rs|c|h|cpp|cs|rb)\\b");
  private static final Pattern TEST_ID = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)*([A-Z][A-Za-z0-9_]*)(?:Test|Tests|IT)\\b");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{2,}");
  private static final Set<String> SKIP_DIRS = Set.of(".git", ".nootropic", "target", "build", "node_modules", ".gradle",
      ".idea", ".mvn", "dist", "out", "__pycache__", ".venv");

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("agent.search", CapabilityKind.AGENT).version("0.1.0")
        .summary("Gathers the files, code chunks, repository map and past episodes a prompt needs, under a token budget.")
        .tags("agent", "retrieval", "context").build();
  }

  @Override
  protected AgentResponse<CodeContext> doExecute(AgentRequest<Query> request, AgentInvocation invocation) {
    RunContext ctx = Contexts.run(invocation.context(), "the search agent");
    return AgentResponse.of(gather(ctx, request.input()), "context gathered");
  }

  static CodeContext gather(RunContext ctx, Query q) {
    TokenCounter counter = TokenCounter.APPROXIMATE;
    Workspace ws = ctx.workspace();
    List<String> sources = sourceFiles(ws);
    Set<String> wanted = new LinkedHashSet<>();
    String evidence = q.evidence() == null ? "" : q.evidence();
    String text = q.goal() + "\n" + evidence;
    // files named outright, then the class a failing test is named after
    Matcher m = SOURCE_NAME.matcher(text);
    while (m.find()) {
      String name = m.group(1) + "." + m.group(2);
      String base = name.substring(name.lastIndexOf('/') + 1);
      sources.stream().filter(p -> p.equals(name) || p.endsWith("/" + name) || p.endsWith("/" + base) || p.equals(base))
          .forEach(wanted::add);
    }
    Matcher t = TEST_ID.matcher(text);
    while (t.find()) {
      String subject = t.group(1);
      String test = t.group();
      String testSimple = test.substring(test.lastIndexOf('.') + 1);
      sources.stream().filter(p -> baseName(p).equals(testSimple)).forEach(wanted::add);
      sources.stream().filter(p -> baseName(p).equals(subject)).forEach(wanted::add);
    }
    // the code a test file is named after: calc.test.js -> calc.js, CalcTest.java -> Calc.java, test_calc.py -> calc.py
    for (String test : List.copyOf(wanted)) {
      String subject = baseName(test).replaceFirst("(?i)([._-](test|spec)s?|Tests?|IT)$", "").replaceFirst("^test_", "");
      String ext = test.substring(test.lastIndexOf('.'));
      if (!subject.equals(baseName(test))) {
        sources.stream().filter(p -> fileName(p).equals(subject + ext)).forEach(wanted::add);
      }
    }
    List<String> ids = new ArrayList<>();
    String snippets = "";
    Optional<Retriever> retriever = ctx.retriever();
    List<SearchHit> hits = List.of();
    if (retriever.isPresent()) {
      try {
        hits = retriever.get().search(SearchQuery.of(q.goal() + " " + String.join(" ", wanted), 12)).stream()
            .filter(h -> sourceLike(h.path())).limit(8).toList();
      } catch (RuntimeException e) {
        hits = List.of();
      }
    }
    if (wanted.isEmpty()) {
      hits.forEach(h -> wanted.add(h.path()));
    }
    if (wanted.isEmpty()) {
      // no retriever and no names: the files whose names share a word with the goal, else all
      Set<String> words = new LinkedHashSet<>();
      WORD.matcher(q.goal()).results().forEach(r -> words.add(r.group().toLowerCase(Locale.ROOT)));
      sources.stream().filter(p -> words.stream().anyMatch(w -> baseName(p).toLowerCase(Locale.ROOT).contains(w)))
          .forEach(wanted::add);
      if (wanted.isEmpty()) {
        wanted.addAll(sources);
      }
    }
    int budget = Math.max(256, q.tokenBudget());
    int used = 0;
    List<CodeContext.File> files = new ArrayList<>();
    for (String path : wanted) {
      String content;
      try {
        content = ws.readString(path);
      } catch (WorkspaceException e) {
        continue;
      }
      int cost = counter.count(content) + 16;
      if (used + cost > budget) {
        continue;
      }
      files.add(new CodeContext.File(path, content));
      ids.add(path);
      used += cost;
    }
    if (retriever.isPresent() && !hits.isEmpty() && used < budget * 3 / 4) {
      List<SearchHit> others = hits.stream().filter(h -> files.stream().noneMatch(f -> f.path().equals(h.path()))).toList();
      if (!others.isEmpty()) {
        try {
          PackedContext packed = retriever.get().hydrate(others, (budget - used) / 2, counter);
          snippets = packed.text();
          used += packed.tokens();
          packed.included().forEach(h -> ids.add(h.path() + ":" + h.startLine() + "-" + h.endLine()));
        } catch (RuntimeException e) {
          snippets = "";
        }
      }
    }
    String repoMap = "";
    int mapBudget = Math.min(1024, (budget - used) / 2);
    if (mapBudget > 64) {
      if (retriever.isPresent()) {
        try {
          repoMap = retriever.get().repoMap(mapBudget, counter);
        } catch (RuntimeException e) {
          repoMap = "";
        }
      }
      if (repoMap.isBlank()) {
        StringBuilder sb = new StringBuilder();
        for (String p : sources) {
          if (counter.count(sb.toString()) > mapBudget) {
            sb.append("...\n");
            break;
          }
          sb.append(p).append('\n');
        }
        repoMap = sb.toString();
      }
      used += counter.count(repoMap);
    }
    List<String> episodes = new ArrayList<>();
    for (Episode e : MemoryAgent.recall(ctx.memory(), q.goal(), 3)) {
      episodes.add("\"" + e.goal() + "\": " + e.outcome() + (e.patchSummary().isEmpty() ? "" : "; changed " + e.patchSummary()));
    }
    return new CodeContext(files, snippets, repoMap, episodes, ids, used);
  }

  private static boolean sourceLike(String path) {
    for (String seg : path.split("/")) {
      if (SKIP_DIRS.contains(seg)) {
        return false;
      }
    }
    return true;
  }

  /// The workspace's source files (not build output, dependencies or state), at most 2,000.
  static List<String> sourceFiles(Workspace ws) {
    List<String> out = new ArrayList<>();
    for (Workspace.Entry e : ws.list("", 12, 20_000)) {
      if (e.type() != Workspace.Type.FILE) {
        continue;
      }
      String p = e.path();
      boolean skipped = false;
      for (String seg : p.split("/")) {
        if (SKIP_DIRS.contains(seg)) {
          skipped = true;
          break;
        }
      }
      if (!skipped && SOURCE_NAME.matcher(p).find() && e.size() < 512 * 1024) {
        out.add(p);
        if (out.size() >= 2000) {
          break;
        }
      }
    }
    return out;
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String baseName(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
