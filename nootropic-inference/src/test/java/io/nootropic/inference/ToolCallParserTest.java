package io.nootropic.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.tool.ToolCall;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolCallParserTest {

  static final Set<String> TOOLS = Set.of("get_weather", "search");

  @Test
  void qwenHermesBlocks() {
    ToolCallParser.Parsed p = ToolCallParser.parse("Let me check.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n"
        + "<tool_call>\n{\"name\": \"search\", \"arguments\": {\"q\": \"rain\"}}\n</tool_call>", TOOLS);
    assertThat(p.calls()).containsExactly(new ToolCall("call_0", "get_weather", "{\"city\": \"Paris\"}"),
        new ToolCall("call_1", "search", "{\"q\": \"rain\"}"));
    assertThat(p.text()).isEqualTo("Let me check.");
  }

  @Test
  void llamaBareJsonWithParameters() {
    ToolCallParser.Parsed p = ToolCallParser.parse("{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Oslo\"}}", TOOLS);
    assertThat(p.calls()).containsExactly(new ToolCall("call_0", "get_weather", "{\"city\": \"Oslo\"}"));
    assertThat(p.text()).isEmpty();
  }

  @Test
  void unknownToolsAndBrokenJsonStayText() {
    String unknown = "<tool_call>{\"name\": \"rm_rf\", \"arguments\": {}}</tool_call>";
    assertThat(ToolCallParser.parse(unknown, TOOLS).calls()).isEmpty();
    assertThat(ToolCallParser.parse(unknown, TOOLS).text()).isEqualTo(unknown);
    assertThat(ToolCallParser.parse("<tool_call>{\"name\": \"search\", </tool_call>", TOOLS).calls()).isEmpty();
    assertThat(ToolCallParser.parse("{not json}", TOOLS).calls()).isEmpty();
    assertThat(ToolCallParser.parse("The answer is 4.", TOOLS).text()).isEqualTo("The answer is 4.");
  }
}
