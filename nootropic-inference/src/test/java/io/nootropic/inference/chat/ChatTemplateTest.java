package io.nootropic.inference.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.model.ChatMessage;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// The Jinja subset, construct by construct, with expectations from Jinja2's documented semantics.
class ChatTemplateTest {

  static String render(String template, Map<String, ?> vars) {
    return ChatTemplate.parse(template).render(vars);
  }

  static String render(String template) {
    return render(template, Map.of());
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
      "{{ 1 + 2 * 3 }} => 7",
      "{{ 7 // 2 }}-{{ 7 % 3 }}-{{ 7 / 2 }} => 3-1-3.5",
      "{{ -7 // 2 }} => -4",
      "{{ 'a' ~ 1 ~ none }} => a1None",
      "{{ 'ab' * 3 }} => ababab",
      "{{ [1, 'x', true, none] }} => [1, 'x', True, None]",
      "{{ {'k': 'v'} }} => {'k': 'v'}",
      "{{ 'hello'[1:3] }}{{ 'hello'[::-1] }}{{ 'hello'[-1] }} => elolleho",
      "{{ [1,2,3,4][1:] }} => [2, 3, 4]",
      "{{ 'x' if false else 'y' }} => y",
      "{{ 'x' if true }} => x",
      "{{ 1 < 2 and 2 <= 2 and not 3 == 4 }} => True",
      "{{ 'ell' in 'hello' }}{{ 3 not in [1,2] }} => TrueTrue",
      "{{ '  pad  ' | trim }} => pad",
      "{{ 'abc' | upper }}{{ 'ABC' | lower }} => ABCabc",
      "{{ [1,2,3] | length }}{{ 'héllo' | length }} => 35",
      "{{ missing | default('dflt') }} => dflt",
      "{{ '' | default('dflt', true) }} => dflt",
      "{{ [3,1,2] | sort | join(',') }} => 1,2,3",
      "{{ [1,2,3] | first }}{{ [1,2,3] | last }} => 13",
      "{{ 42 | string ~ '!' }} => 42!",
      "{{ 'a-b-c'.split('-') }} => ['a', 'b', 'c']",
      "{{ '  x '.strip() }}{{ 'xxhixx'.strip('x') }} => xhi",
      "{{ 'Hello'.startswith('He') }}{{ 'Hello'.endswith(('x', 'lo')) }} => TrueTrue",
      "{{ 'a b'.replace(' ', '_') | title }} => A_B",
      "{{ x is defined }}{{ x is not defined }}{{ none is none }} => FalseTrueTrue",
      "{{ 'x' is string }}{{ {} is mapping }}{{ 3 is number }}{{ 4 is even }} => TrueTrueTrueTrue",
      "{{ range(3) | list }} => [0, 1, 2]",
      "{{ {'a': 1, 'b': [1, 'x']} | tojson }} => {\"a\": 1, \"b\": [1, \"x\"]}",
      "{{ 'é\"\\n' | tojson }} => \"é\\\"\\n\"",
      "{{ 2.5 }} {{ 3.0 }} {{ 1e3 }} => 2.5 3.0 1000.0",
  })
  void expressions(String template, String expected) {
    assertThat(render(template)).isEqualTo(expected);
  }

  @Test
  void forLoopVariables() {
    String t = "{% for x in items %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.length }}"
        + "{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %}:{{ x }} {% endfor %}";
    assertThat(render(t, Map.of("items", List.of("a", "b", "c"))))
        .isEqualTo("1/0/3F:a 2/1/3:b 3/2/3L:c ");
  }

  @Test
  void forElseFilterUnpackBreakContinue() {
    assertThat(render("{% for x in [] %}x{% else %}empty{% endfor %}")).isEqualTo("empty");
    assertThat(render("{% for x in [1,2,3,4] if x is even %}{{ x }}{% endfor %}")).isEqualTo("24");
    assertThat(render("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}")).isEqualTo("a=1;b=2;");
    assertThat(render("{% for k, v in {'a': 1} | items %}{{ k }}{{ v }}{% endfor %}")).isEqualTo("a1");
    assertThat(render("{% for x in range(10) %}{% if x == 3 %}{% break %}{% endif %}{% if x == 1 %}{% continue %}{% endif %}{{ x }}{% endfor %}"))
        .isEqualTo("02");
  }

  @Test
  void setInsideALoopDoesNotLeakButNamespaceDoes() {
    String t = "{% set x = 1 %}{% set ns = namespace(y=1) %}{% for i in [1,2] %}{% set x = x + i %}"
        + "{% set ns.y = ns.y + i %}{% endfor %}{{ x }} {{ ns.y }}";
    assertThat(render(t)).isEqualTo("1 4");
  }

  @Test
  void setBlockTupleAndMacro() {
    assertThat(render("{% set a, b = [1, 2] %}{{ b }}{{ a }}")).isEqualTo("21");
    assertThat(render("{% set s %}in{{ 'side' }}{% endset %}[{{ s }}]")).isEqualTo("[inside]");
    assertThat(render("{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('Bo') }} {{ greet('Al', punct='?') }}"))
        .isEqualTo("Hi Bo! Hi Al?");
  }

  @Test
  void whitespaceControl() {
    assertThat(render("a  {{- 'b' -}}  c")).isEqualTo("abc");
    assertThat(render("a\n  {%- if true %}\nb{% endif %}")).isEqualTo("ab");
    // trim_blocks removes the newline after a block tag; lstrip_blocks strips indentation before it
    assertThat(render("x\n    {% if true %}\n    y\n    {% endif %}\nz")).isEqualTo("x\n    y\nz");
    // but not after an expression
    assertThat(render("{{ 'a' }}\nb")).isEqualTo("a\nb");
    // '+' disables lstrip_blocks
    assertThat(render("x\n  {%+ if true %}y{% endif %}")).isEqualTo("x\n  y");
    // comments vanish
    assertThat(render("a{# note #}b")).isEqualTo("ab");
    // a single trailing newline of the template is dropped (keep_trailing_newline=False)
    assertThat(render("a\n")).isEqualTo("a");
    assertThat(render("{% raw %}{{ not evaluated }}{% endraw %}")).isEqualTo("{{ not evaluated }}");
  }

  @Test
  void messagesAreOpenAiStyleMappings() {
    ChatTemplate t = ChatTemplate.parse("{% for m in messages %}{{ m.role }}:{{ m['content'] }};{% endfor %}"
        + "{{ bos_token }}{{ eos_token }}{{ add_generation_prompt }}{{ tools is defined }}");
    assertThat(t.render(List.of(ChatMessage.system("s"), ChatMessage.user("u")), List.of(), true, "<s>", "</s>"))
        .isEqualTo("system:s;user:u;<s></s>TrueFalse");
  }

  @Test
  void unsupportedConstructsNameTheConstructAndPosition() {
    assertThatThrownBy(() -> ChatTemplate.parse("ok\n  {% call foo() %}x{% endcall %}"))
        .isInstanceOf(ChatTemplateException.class)
        .hasMessageContaining("tag 'call'")
        .satisfies(e -> {
          ChatTemplateException c = (ChatTemplateException) e;
          assertThat(c.line()).isEqualTo(2);
          assertThat(c.column()).isEqualTo(3);
          assertThat(c.construct()).isEqualTo("tag 'call'");
        });
    assertThatThrownBy(() -> ChatTemplate.parse("{{ x | wordwrap(5) }}"))
        .isInstanceOf(ChatTemplateException.class).hasMessageContaining("filter 'wordwrap'").hasMessageContaining("column 6");
    assertThatThrownBy(() -> ChatTemplate.parse("{{ x is prime }}"))
        .isInstanceOf(ChatTemplateException.class).hasMessageContaining("test 'prime'");
    assertThatThrownBy(() -> ChatTemplate.parse("{% include 'other.j2' %}"))
        .isInstanceOf(ChatTemplateException.class).hasMessageContaining("tag 'include'");
    assertThatThrownBy(() -> ChatTemplate.parse("{% if x %}no end"))
        .isInstanceOf(ChatTemplateException.class).hasMessageContaining("endif");
    assertThatThrownBy(() -> ChatTemplate.parse("{{ 'unterminated }}"))
        .isInstanceOf(ChatTemplateException.class).hasMessageContaining("string literal");
  }

  @Test
  void runtimeErrorsAreTyped() {
    assertThatThrownBy(() -> render("{{ 1 + 'a' }}")).isInstanceOf(ChatTemplateException.class)
        .hasMessageContaining("cannot add int and str");
    assertThatThrownBy(() -> render("{{ undefined_fn() }}")).isInstanceOf(ChatTemplateException.class)
        .hasMessageContaining("undefined_fn");
    assertThatThrownBy(() -> render("{{ raise_exception('nope') }}")).isInstanceOf(ChatTemplateException.class)
        .hasMessageContaining("nope").satisfies(e -> assertThat(((ChatTemplateException) e).raisedByTemplate()).isTrue());
    assertThatThrownBy(() -> render("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"))
        .isInstanceOf(ChatTemplateException.class).hasMessageContaining("loop iterations");
    assertThatThrownBy(() -> render("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"))
        .isInstanceOf(ChatTemplateException.class).hasMessageContaining("recursion");
  }

  @Property(tries = 300)
  void arbitraryTemplatesNeverEscapeUntyped(@ForAll @StringLength(max = 60) String noise) {
    String[] fragments = {"{{", "}}", "{%", "%}", "{#", "#}", "if", "for", "x", "in", "'", "\"", "|", "(", ")", "[", "]", "-"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < noise.length(); i++) {
      char c = noise.charAt(i);
      sb.append(c % 3 == 0 ? fragments[c % fragments.length] : String.valueOf(c));
    }
    try {
      ChatTemplate.parse(sb.toString()).render(Map.of("x", List.of(1, 2)));
    } catch (ChatTemplateException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Test
  void simpleFallbackFormat() {
    ChatFormat f = ChatFormat.simple();
    assertThat(f.render(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi"), ChatMessage.assistant("Hello"),
        ChatMessage.user("Bye")), List.of(), true))
        .isEqualTo("Be brief.\n\nUser: Hi\nAssistant: Hello\nUser: Bye\nAssistant:");
    assertThat(f.stopStrings()).containsExactly("\nUser:");
    assertThat(f.isModelTemplate()).isFalse();
  }
}
