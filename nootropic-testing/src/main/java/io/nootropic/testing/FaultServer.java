package io.nootropic.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/// A scripted HTTP/1.1 server on 127.0.0.1 for failure injection: each request takes the next
/// [Script] from the queue, which writes raw bytes, pauses, closes or resets the connection at
/// will. Built on plain JDK sockets so every byte boundary and every stall is under the test's
/// control.
public final class FaultServer implements AutoCloseable {

  /// What to do with one request's connection.
  @FunctionalInterface
  public interface Script {
    void run(Socket socket, OutputStream out) throws Exception;
  }

  private final ServerSocket server;
  private final ConcurrentLinkedQueue<Script> scripts = new ConcurrentLinkedQueue<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile Script otherwise = (s, out) -> { };
  private volatile Responder responder;

  public FaultServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().start(this::acceptLoop);
  }

  /// Starts a server on a free loopback port.
  public static FaultServer start() {
    try {
      return new FaultServer();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot open a loopback server socket", e);
    }
  }

  /// The base URL of the OpenAI-compatible API it pretends to serve (`http://127.0.0.1:PORT/v1`).
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1");
  }

  public FaultServer then(Script... s) {
    scripts.addAll(List.of(s));
    return this;
  }

  public FaultServer otherwise(Script s) {
    otherwise = s;
    return this;
  }

  /// Chooses the answer to a request from its body.
  @FunctionalInterface
  public interface Responder {
    /// The script that answers the request whose body is `body`.
    Script answer(String body) throws Exception;
  }

  /// Answers every request no queued script answers by asking `responder` (instead of
  /// [#otherwise(Script)]).
  public FaultServer answering(Responder responder) {
    this.responder = responder;
    return this;
  }

  /// Bodies of the requests received, in order.
  public List<String> requests() {
    return requests;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        Thread.ofVirtual().start(() -> handle(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      String head = readHead(in);
      int length = 0;
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      requests.add(body);
      Script script = scripts.poll();
      Responder r = responder;
      if (script == null) {
        script = r != null ? r.answer(body) : otherwise;
      }
      script.run(s, s.getOutputStream());
      s.getOutputStream().flush();
    } catch (Exception e) {
      // the client went away or the script closed the socket: nothing to do
    } finally {
      open.remove(s);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("client closed before the end of the request head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    acceptor.interrupt();
  }

  // ---- script building blocks ----

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /// A complete response with a Content-Length.
  public static Script respond(int status, String body, String... headers) {
    return (s, out) -> {
      out.write(head(status, "application/json", utf8(body).length, headers));
      out.write(utf8(body));
    };
  }

  public static byte[] head(int status, String type, int length, String... headers) {
    StringBuilder sb = new StringBuilder("HTTP/1.1 " + status + " " + (status == 200 ? "OK" : "Error") + "\r\n");
    sb.append("Content-Type: ").append(type).append("\r\n");
    if (length >= 0) {
      sb.append("Content-Length: ").append(length).append("\r\n");
    }
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    sb.append("Connection: close\r\n\r\n");
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /// The head of an event stream whose end is the connection's close.
  public static byte[] sseHead() {
    return head(200, "text/event-stream", -1);
  }

  /// One SSE `data:` event.
  public static byte[] event(String json) {
    return utf8("data: " + json + "\n\n");
  }

  public static String contentChunk(String text) {
    return "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quote(text) + "},\"finish_reason\":null}]}";
  }

  public static String finishChunk(String reason) {
    return "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}],"
        + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}";
  }

  public static String completion(String text) {
    return "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quote(text)
        + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}";
  }

  /// `s` as a JSON string literal (quotes, backslashes and control characters escaped).
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /// A good answer as JSON or as an SSE stream.
  public static Script answer(boolean stream, String... tokens) {
    if (!stream) {
      return respond(200, completion(String.join("", tokens)));
    }
    return (s, out) -> {
      out.write(sseHead());
      out.write(event("{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}"));
      for (String t : tokens) {
        out.write(event(contentChunk(t)));
        out.flush();
      }
      out.write(event(finishChunk("stop")));
      out.write(utf8("data: [DONE]\n\n"));
    };
  }

  /// Resets the connection (TCP RST) right away.
  public static void reset(Socket s) throws IOException {
    s.setSoLinger(true, 0);
    s.close();
  }

  /// Pauses the script.
  public static void pause(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  public static List<byte[]> split(byte[] bytes, int at) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(java.util.Arrays.copyOfRange(bytes, 0, at));
    parts.add(java.util.Arrays.copyOfRange(bytes, at, bytes.length));
    return parts;
  }
}
