package io.nootropic.agents.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.StreamingHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/// Answers from a traffic file ([ModelTraffic]) recorded by [RecordingChatModel] or written by
/// hand: the n-th call gets the n-th recorded response, whatever it asks. Deterministic tests and
/// demos use it (`nootropic run --model replay:FILE`).
public final class ReplayChatModel implements ChatModel {

  private final Path file;
  private final List<ChatResponse> responses;
  private final AtomicInteger next = new AtomicInteger();
  private final ModelDescriptor descriptor;

  private ReplayChatModel(Path file, List<ChatResponse> responses) {
    this.file = file;
    this.responses = List.copyOf(responses);
    this.descriptor = new ModelDescriptor("replay:" + file.getFileName(), "replay", 32_768, null, false, false, 0, 0,
        Duration.ZERO, true);
  }

  /// Reads a traffic file.
  ///
  /// @throws IOException when it cannot be read, or a line is not a recorded call (naming the line)
  public static ReplayChatModel open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("replay file " + file + ": no such file");
    }
    List<ChatResponse> responses = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode root = ModelTraffic.JSON.readTree(line);
        responses.add(ModelTraffic.readResponse(root.get("response")));
      } catch (IOException | IllegalArgumentException e) {
        throw new IOException("replay file " + file + ", line " + n + ": not a recorded call: " + e.getMessage(), e);
      }
    }
    return new ReplayChatModel(file, responses);
  }

  /// Skips the first `n` responses (a resumed run whose earlier calls were answered already).
  public ReplayChatModel skip(int n) {
    next.addAndGet(Math.max(0, n));
    return this;
  }

  /// How many responses the file holds.
  public int size() {
    return responses.size();
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public ChatResponse chat(ChatRequest request, StreamingHandler handler) {
    int i = next.getAndIncrement();
    if (i >= responses.size()) {
      throw new ModelException("the replay file " + file + " has no response left for call " + (i + 1) + " (it holds "
          + responses.size() + ")");
    }
    ChatResponse r = responses.get(i);
    if (!r.text().isEmpty()) {
      handler.onToken(r.text());
    }
    handler.onComplete(r);
    return r;
  }
}
