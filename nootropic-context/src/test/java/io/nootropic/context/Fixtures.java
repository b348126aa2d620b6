package io.nootropic.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/// Small source trees written into temp folders for tests.
final class Fixtures {
  private Fixtures() { }

  static void write(Path root, String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  /// A tiny multi-language repository.
  static Path smallRepo(Path root) throws IOException {
    write(root, "src/main/java/demo/TokenBucket.java", """
        package demo;

        /** Limits how often callers may proceed. */
        public final class TokenBucket {
          private long tokens;

          /** Refills the bucket according to the elapsed time. */
          public void refill(long elapsedNanos) {
            tokens = Math.min(100, tokens + elapsedNanos / 1000);
          }

          /** Takes one token if available. */
          public boolean tryAcquire() {
            if (tokens > 0) {
              tokens--;
              return true;
            }
            return false;
          }
        }
        """);
    write(root, "src/main/java/demo/HttpServer.java", """
        package demo;

        public class HttpServer {
          private final TokenBucket limiter = new TokenBucket();

          public void handleRequest(String path) {
            if (!limiter.tryAcquire()) {
              throw new IllegalStateException("rate limited");
            }
            System.out.println("serving " + path);
          }
        }
        """);
    write(root, "scripts/parse_config.py", """
        import json

        def parse_config(path):
            \"\"\"Reads a JSON configuration file.\"\"\"
            with open(path) as f:
                return json.load(f)

        class ConfigError(Exception):
            pass
        """);
    write(root, "web/app.ts", """
        export function renderDashboard(user: string): string {
          return `<h1>${user}</h1>`;
        }

        export class SessionStore {
          private readonly sessions = new Map<string, number>();
          touch(id: string): void {
            this.sessions.set(id, Date.now());
          }
        }
        """);
    write(root, "README.md", "# demo\nA demo repository for retrieval tests.\n");
    return root;
  }
}
