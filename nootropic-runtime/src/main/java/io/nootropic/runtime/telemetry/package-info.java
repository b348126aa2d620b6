/// OpenTelemetry for model calls, following the GenAI semantic conventions: a span per routed
/// call and per attempt, token-usage, duration and cost metrics; prompt and completion text only
/// when the host opts in.
package io.nootropic.runtime.telemetry;
