package io.nootropic.cli.routing;

import io.nootropic.cli.common.ConsoleHumanInTheLoop;
import io.nootropic.cli.NootropicCli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.api.agent.HumanAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/// `nootropic route` against an OpenAI-compatible stub on loopback.
class RouteCommandTest {

  ServerSocket server;
  final List<String> bodies = new CopyOnWriteArrayList<>();
  String url;

  /// A tiny OpenAI-compatible server on loopback: one request per connection, JSON or SSE.
  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          InputStream in = s.getInputStream();
          StringBuilder head = new StringBuilder();
          while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
              break;
            }
            head.append((char) c);
          }
          int length = 0;
          for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
              length = Integer.parseInt(line.substring(15).trim());
            }
          }
          String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
          bodies.add(body);
          boolean stream = body.contains("\"stream\":true");
          String reply = stream
              ? "data: {\"model\":\"cheap\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                + "data: {\"model\":\"cheap\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there\"}}]}\n\n"
                + "data: {\"model\":\"cheap\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}\n\ndata: [DONE]\n\n"
              : "{\"model\":\"cheap\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi there\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}";
          byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
          OutputStream os = s.getOutputStream();
          os.write(("HTTP/1.1 200 OK\r\nContent-Type: " + (stream ? "text/event-stream" : "application/json")
              + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          os.write(bytes);
          os.flush();
        } catch (IOException e) {
          // closed
        }
      }
    });
    url = "http://127.0.0.1:" + server.getLocalPort() + "/v1";
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  record Run(int exit, String out, String err) { }

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = NootropicCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void printsTheAnswerTheDecisionUsageCostAndSpans() {
    Run r = run("route", "--route", "cheapest", "--remote", url, "--remote-model", "cheap:1:2,smart:10:30",
        "--model", "remote/cheap", "--task-id", "t-1", "--stream", "say", "hi");

    assertThat(r.exit()).as(r.err()).isZero();
    // the answer alone on standard output; the report on standard error
    assertThat(r.out()).isEqualTo("Hi there\n");
    assertThat(r.err()).contains("routing: strategy cheapest chose remote/cheap");
    assertThat(r.err()).contains("#1 remote/cheap ok");
    // 7 input tokens at $1/1k + 3 output tokens at $2/1k
    assertThat(r.err()).contains("usage: 7 input + 3 output tokens, finish stop, cost $0.013000 (task t-1 of run cli: 1 calls, $0.013000)");
    assertThat(r.err()).contains("spans:").contains("chat cheap").contains("route cheapest")
        .contains("gen_ai.usage.input_tokens=7").contains("gen_ai.provider.name=remote").contains("nootropic.cost.usd=0.013");
    assertThat(bodies).singleElement().satisfies(b -> assertThat(b).contains("\"model\":\"cheap\"").contains("say hi"));
  }

  @Test
  void jsonOutputCarriesTheDecisionAttemptsUsageAndSpans() throws Exception {
    Run r = run("route", "--json", "--remote", url, "--remote-model", "cheap:1:2", "--model", "cheap", "hello");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("text").asText()).isEqualTo("Hi there");
    assertThat(doc.at("/decision/strategy").asText()).isEqualTo("local-first");
    assertThat(doc.at("/decision/chosen").asText()).isEqualTo("remote/cheap");
    assertThat(doc.at("/usage/outputTokens").asLong()).isEqualTo(3);
    assertThat(doc.get("attempts")).hasSize(1);
    assertThat(doc.get("spans")).hasSize(2);
    assertThat(doc.at("/spans/0/attributes/gen_ai.operation.name").asText()).isEqualTo("chat");
    assertThat(doc.at("/spans/1/attributes/nootropic.routing.strategy").asText()).isEqualTo("local-first");
  }

  @Test
  void aCallOverBudgetFailsWithATypedError() {
    Run r = run("route", "--remote", url, "--remote-model", "cheap:1:2", "--model", "cheap",
        "--budget-usd", "0.0001", "hello");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("error: budget of run 'cli'").contains("limit $0.000100");
    assertThat(bodies).isEmpty();
  }

  @Test
  void anUnknownStrategyIsAUsageErrorNamingTheChoices() {
    Run r = run("route", "--route", "fastest", "--remote", url, "--remote-model", "cheap", "hello");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown routing strategy 'fastest'; expected one of local-first, cheapest, complexity")
        .doesNotContain("at io.nootropic");
  }

  @Test
  void theConsoleHumanReadsYesNoAndGuidance() {
    assertThat(ConsoleHumanInTheLoop.parse("y")).isEqualTo(HumanAnswer.approve(""));
    assertThat(ConsoleHumanInTheLoop.parse("yes: use the builder")).isEqualTo(HumanAnswer.approve("use the builder"));
    assertThat(ConsoleHumanInTheLoop.parse("n")).isEqualTo(HumanAnswer.deny(""));
    assertThat(ConsoleHumanInTheLoop.parse(null).timedOut()).isTrue();
    assertThat(ConsoleHumanInTheLoop.parse("try smaller steps")).isEqualTo(HumanAnswer.approve("try smaller steps"));
  }
}
