package io.nootropic.agents.model;

import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.StreamingHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/// Passes every call to a model and appends it to a traffic file ([ModelTraffic]), flushed per
/// call, so a killed run keeps what it recorded. Replay the file with [ReplayChatModel].
public final class RecordingChatModel implements ChatModel, AutoCloseable {

  private final ChatModel delegate;
  private final Path file;
  private final Writer out;

  private RecordingChatModel(ChatModel delegate, Path file, Writer out) {
    this.delegate = delegate;
    this.file = file;
    this.out = out;
  }

  /// Records `delegate`'s traffic into `file`, appending when it exists.
  ///
  /// @throws UncheckedIOException when the file cannot be opened
  public static RecordingChatModel of(ChatModel delegate, Path file) {
    Objects.requireNonNull(delegate, "delegate");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      return new RecordingChatModel(delegate, file, w);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record model traffic to " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ModelDescriptor descriptor() {
    return delegate.descriptor();
  }

  @Override
  public ChatResponse chat(ChatRequest request, StreamingHandler handler) {
    ChatResponse response = delegate.chat(request, handler);
    synchronized (out) {
      try {
        out.write(ModelTraffic.line(request, response));
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        throw new ModelException("cannot record model traffic to " + file + ": " + e.getMessage(), e);
      }
    }
    return response;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
