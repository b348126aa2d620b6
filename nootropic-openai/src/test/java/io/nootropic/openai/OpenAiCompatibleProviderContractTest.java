package io.nootropic.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.testing.FaultServer;
import io.nootropic.testing.ModelProviderContract;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/// The OpenAI-compatible provider keeps the model contract against a scripted server that
/// behaves like a conforming one: it streams when asked, honours `max_tokens`, reports usage,
/// and calls the offered tool when there is one.
class OpenAiCompatibleProviderContractTest extends ModelProviderContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> WORDS = List.of("Once", " there", " was", " a", " fox", " who", " sang", ".");

  private final FaultServer server = FaultServer.start().answering(OpenAiCompatibleProviderContractTest::answer);

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Override
  protected ModelProvider createProvider() {
    return OpenAiCompatibleProvider.builder("remote", server.baseUrl())
        .model(new ModelDescriptor("m", "remote", 8192, null, true, true, 0, 0, Duration.ofMillis(50), false))
        .build();
  }

  @Override
  protected String modelId() {
    return "m";
  }

  /// A conforming server's answer to one request body.
  private static FaultServer.Script answer(String body) throws Exception {
    JsonNode req = JSON.readTree(body);
    boolean stream = req.path("stream").asBoolean(false);
    int max = req.path("max_tokens").asInt(256);
    ObjectNode usage = JSON.createObjectNode().put("prompt_tokens", 11);
    if (req.path("tools").size() > 0) {
      String name = req.path("tools").get(0).path("function").path("name").asText();
      ObjectNode call = JSON.createObjectNode().put("id", "call_1").put("type", "function");
      call.putObject("function").put("name", name).put("arguments", "{\"path\":\"README.md\"}");
      usage.put("completion_tokens", 9);
      if (!stream) {
        ObjectNode r = JSON.createObjectNode().put("id", "c1").put("model", "m");
        ObjectNode choice = r.putArray("choices").addObject().put("index", 0).put("finish_reason", "tool_calls");
        choice.putObject("message").put("role", "assistant").putNull("content").putArray("tool_calls").add(call);
        r.set("usage", usage);
        return FaultServer.respond(200, JSON.writeValueAsString(r));
      }
      ObjectNode chunk = JSON.createObjectNode().put("id", "c1").put("model", "m");
      ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
      ArrayNode calls = choice.putObject("delta").putArray("tool_calls");
      calls.addObject().put("index", 0).setAll(call);
      ObjectNode end = JSON.createObjectNode().put("id", "c1").put("model", "m");
      end.putArray("choices").addObject().put("index", 0).put("finish_reason", "tool_calls").putObject("delta");
      end.set("usage", usage);
      return (s, out) -> {
        out.write(FaultServer.sseHead());
        out.write(FaultServer.event(JSON.writeValueAsString(chunk)));
        out.write(FaultServer.event(JSON.writeValueAsString(end)));
        out.write(FaultServer.utf8("data: [DONE]\n\n"));
      };
    }
    List<String> words = WORDS.subList(0, Math.min(max, WORDS.size()));
    String finish = words.size() < WORDS.size() ? "length" : "stop";
    usage.put("completion_tokens", words.size());
    if (!stream) {
      ObjectNode r = JSON.createObjectNode().put("id", "c1").put("model", "m");
      ObjectNode choice = r.putArray("choices").addObject().put("index", 0).put("finish_reason", finish);
      choice.putObject("message").put("role", "assistant").put("content", String.join("", words));
      r.set("usage", usage);
      return FaultServer.respond(200, JSON.writeValueAsString(r));
    }
    return (s, out) -> {
      out.write(FaultServer.sseHead());
      for (String w : words) {
        out.write(FaultServer.event(FaultServer.contentChunk(w)));
        out.flush();
        Thread.sleep(5);
      }
      ObjectNode end = JSON.createObjectNode().put("id", "c1").put("model", "m");
      end.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).putObject("delta");
      end.set("usage", usage);
      out.write(FaultServer.event(JSON.writeValueAsString(end)));
      out.write(FaultServer.utf8("data: [DONE]\n\n"));
    };
  }
}
