/// Model routing: the [io.nootropic.runtime.model.ModelRegistry] of providers with live statistics,
/// routing strategies whose every decision is recorded, budgets and cost attribution, and an
/// OpenAI-compatible HTTP provider.
package io.nootropic.runtime.model;
