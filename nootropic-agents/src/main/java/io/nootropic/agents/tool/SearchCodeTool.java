package io.nootropic.agents.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.retrieval.Retriever;
import io.nootropic.api.retrieval.SearchFilters;
import io.nootropic.api.retrieval.SearchHit;
import io.nootropic.api.retrieval.SearchMode;
import io.nootropic.api.retrieval.SearchQuery;
import java.util.List;

/// `search.code`: searches the workspace's code through the retrieval SPI.
final class SearchCodeTool extends BuiltinTool {

  SearchCodeTool(ToolEnvironment env) {
    super(env, "search.code", "Searches the workspace's code for a query (identifiers or words); returns the best chunks.", """
        {"type":"object","properties":{
          "query":{"type":"string","minLength":1},
          "k":{"type":"integer","minimum":1,"maximum":50},
          "mode":{"enum":["bm25","dense","hybrid"]},
          "path":{"type":"string","description":"a glob of paths to search, e.g. src/**/*.java"}},
         "required":["query"],"additionalProperties":false}""");
  }

  @Override
  ObjectNode run(JsonNode args) {
    Retriever r = env.retriever().get().orElseThrow(() -> new ToolArgumentException(
        "search.code has no retriever in this run (no RetrieverProvider on the path); use fs.list and fs.read"));
    SearchQuery q = new SearchQuery(args.get("query").asText(), args.path("k").asInt(8),
        SearchMode.forName(args.path("mode").asText("hybrid")),
        new SearchFilters(args.path("path").asText(null), null, null));
    List<SearchHit> hits = r.search(q);
    ObjectNode out = JSON.createObjectNode().put("query", q.text());
    ArrayNode arr = out.putArray("hits");
    for (SearchHit h : hits) {
      arr.addObject().put("path", h.path()).put("startLine", h.startLine()).put("endLine", h.endLine())
          .put("score", h.score()).put("content", h.content());
    }
    return out;
  }
}
