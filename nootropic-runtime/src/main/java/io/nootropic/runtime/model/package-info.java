/// Model routing vocabulary: routing strategies whose every decision is recorded
/// ([io.nootropic.runtime.model.RoutingDecision]), live statistics, SLAs, call contexts, budgets and
/// cost attribution, classified failures, and an OpenAI-compatible HTTP provider. The
/// [io.nootropic.runtime.routing.ModelRegistry] puts them to work.
package io.nootropic.runtime.model;
