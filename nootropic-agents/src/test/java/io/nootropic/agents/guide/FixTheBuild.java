package io.nootropic.agents.guide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.nootropic.agents.command.CommandPolicy;
import io.nootropic.agents.loop.ToolLoop;
import io.nootropic.agents.runtime.AgentRuntime;
import io.nootropic.agents.runtime.AgentTask;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.agent.*;
import io.nootropic.api.model.*;
import io.nootropic.api.task.TaskId;
import io.nootropic.runtime.executor.*;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.task.*;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/// A host wires the agent runtime and runs an agent as a journaled task of the task graph.
public final class FixTheBuild {

  /// An agent that lets the model use the built-in tools until it answers.
  public static final class ToolAgent implements Agent<String, String> {
    @Override
    public CapabilityDescriptor describe() {
      return CapabilityDescriptor.builder("guide.tool-agent", CapabilityKind.AGENT)
          .version("1.0.0").summary("Uses the built-in tools until the model answers.").build();
    }

    @Override
    public AgentResponse<String> execute(AgentRequest<String> request, AgentContext context) {
      ToolLoop loop = new ToolLoop(context.model(), context.tools(), ToolLoop.Limits.defaults());
      ToolLoop.Result r = loop.run(List.of(
              ChatMessage.system("You fix failing tests. Read files, run the tests, edit, run them again."),
              ChatMessage.user(request.input())),
          GenerationOptions.DEFAULTS, context.cancellation());
      return AgentResponse.of(r.answer(), r.stop() + " after " + r.steps().size() + " steps");
    }
  }

  /// Runs [ToolAgent] on `project` with `model`, journaled in `journal`; returns its answer.
  public static String run(Path project, ChatModel model, Path journal) throws Exception {
    try (AgentRuntime runtime = AgentRuntime.builder(project)
            .model(model)                                          // or .models(modelRegistry): routed, budgeted
            .commands(CommandPolicy.custom().allow("java").build())
            .build();
        TaskGraphService graphs = TaskGraphService.open(FileTaskStore.open(journal))) {
      runtime.checkpoints().checkpoint("before the agent");     // every change after it can be undone
      AgentTask<String, String> fix = runtime.task(new ToolAgent(), JsonNode::asText, TextNode::valueOf);
      graphs.createRun(runtime.runId(), List.of(
          TaskSpec.of("fix", "guide.tool-agent", TextNode.valueOf("CalcTest fails; fix Calc."), Duration.ofSeconds(30))));
      RunResult result = new TaskExecutor(graphs, CapabilityResolver.of(Map.of("guide.tool-agent", fix)),
          ExecutorConfig.ofDefaults()).run(runtime.runId());
      if (!result.succeeded()) {
        throw new IllegalStateException("the run failed: " + result.errors());
      }
      return result.results().get(TaskId.of("fix")).asText();
    }
  }
}
