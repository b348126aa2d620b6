package io.nootropic.cli.common;

import io.nootropic.api.agent.HumanAnswer;
import io.nootropic.api.agent.HumanInTheLoop;
import io.nootropic.api.agent.HumanQuestion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/// Asks the person at the terminal: prints the question on standard error and reads one line.
/// `y` or `yes` approves, `n` or `no` denies; text after a colon (`y: use the builder`) is
/// guidance; anything else approves with the whole line as guidance. No answer within the timeout
/// (or end of input) counts as no answer.
public final class ConsoleHumanInTheLoop implements HumanInTheLoop {

  private final BufferedReader in;
  private final PrintWriter err;

  /// Reads answers from `in`, writes questions to `err`.
  public ConsoleHumanInTheLoop(BufferedReader in, PrintWriter err) {
    this.in = in;
    this.err = err;
  }

  /// The person at this terminal when standard input and output are one, else
  /// [HumanInTheLoop#NOBODY] (scripts and pipes get a refusal, never a prompt that hangs).
  public static HumanInTheLoop ifInteractive(PrintWriter err) {
    java.io.Console console = System.console();
    if (console == null || !console.isTerminal()) {
      return HumanInTheLoop.NOBODY;
    }
    return new ConsoleHumanInTheLoop(new BufferedReader(new java.io.InputStreamReader(System.in,
        java.nio.charset.StandardCharsets.UTF_8)), err);
  }

  @Override
  public HumanAnswer ask(HumanQuestion question, Duration timeout) {
    err.println();
    err.println("== human input needed: " + question.subject());
    if (!question.details().isEmpty()) {
      err.println(question.details().strip());
    }
    err.print("approve? [y/n, optionally 'y: guidance'] (" + timeout.toSeconds() + " s) > ");
    err.flush();
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return in.readLine();
      } catch (IOException e) {
        return null;
      }
    }, r -> Thread.ofVirtual().start(r));
    String answer;
    try {
      answer = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      err.println();
      err.println("(no answer within " + timeout.toSeconds() + " s)");
      return HumanAnswer.noAnswer();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HumanAnswer.noAnswer();
    } catch (ExecutionException e) {
      return HumanAnswer.noAnswer();
    }
    return parse(answer);
  }

  /// Interprets one typed line.
  public static HumanAnswer parse(String line) {
    if (line == null) {
      return HumanAnswer.noAnswer();
    }
    String l = line.strip();
    int colon = l.indexOf(':');
    String head = (colon < 0 ? l : l.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    String guidance = colon < 0 ? "" : l.substring(colon + 1).strip();
    return switch (head) {
      case "y", "yes", "approve" -> HumanAnswer.approve(guidance);
      case "n", "no", "deny" -> HumanAnswer.deny(guidance);
      default -> l.isEmpty() ? HumanAnswer.deny("") : HumanAnswer.approve(l);
    };
  }
}
