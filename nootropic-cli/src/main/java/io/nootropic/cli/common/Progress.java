package io.nootropic.cli.common;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/// Progress of long work, on standard error.
///
/// On a terminal, one line is rewritten in place (`\r`), at most four times a second. Anywhere
/// else (a pipe, a log file, CI) each update is a plain line, at most one every five seconds, so
/// logs stay readable. With `--quiet`, nothing. Whether standard error is a terminal is told by
/// the launcher (`-Dnootropic.stderr.tty=true` when `[ -t 2 ]`), since the JDK cannot tell for
/// standard error alone.
public final class Progress {

  /// The system property the launcher sets when standard error is a terminal.
  public static final String TTY_PROPERTY = "nootropic.stderr.tty";

  private static final long TERMINAL_INTERVAL = 250_000_000L;
  private static final long PLAIN_INTERVAL = 5_000_000_000L;

  private final PrintWriter err;
  private final boolean quiet;
  private final boolean terminal;
  private long lastNanos;
  private boolean printedAny;
  private int openLength;   // characters of the rewritten line on a terminal, 0 when none is open

  /// Progress written to `err`.
  public Progress(PrintWriter err, boolean quiet, boolean terminal) {
    this.err = err;
    this.quiet = quiet;
    this.terminal = terminal;
  }

  /// Progress on the command's standard error, honouring the root's `--quiet` and the launcher's
  /// terminal flag.
  public static Progress of(CommandSpec spec) {
    return new Progress(spec.commandLine().getErr(), quiet(spec), Boolean.getBoolean(TTY_PROPERTY));
  }

  /// Whether `--quiet` was given to the command's root.
  public static boolean quiet(CommandSpec spec) {
    Object root = spec.root().userObject();
    return root instanceof CliContext c && c.quiet();
  }

  /// Reports where the work is; shown when enough time has passed since the last report (the
  /// first report always shows).
  public void update(String line) {
    if (quiet) {
      return;
    }
    long now = System.nanoTime();
    if (printedAny && now - lastNanos < (terminal ? TERMINAL_INTERVAL : PLAIN_INTERVAL)) {
      return;
    }
    lastNanos = now;
    printedAny = true;
    if (terminal) {
      String pad = line.length() < openLength ? " ".repeat(openLength - line.length()) : "";
      err.print("\r" + line + pad);
      openLength = line.length();
    } else {
      err.println(line);
    }
    err.flush();
  }

  /// A message that always shows (unless quiet), on a line of its own.
  public void say(String line) {
    if (quiet) {
      return;
    }
    done();
    err.println(line);
    err.flush();
  }

  /// Ends the rewritten line, if one is open.
  public void done() {
    if (openLength > 0) {
      err.println();
      err.flush();
      openLength = 0;
    }
  }
}
