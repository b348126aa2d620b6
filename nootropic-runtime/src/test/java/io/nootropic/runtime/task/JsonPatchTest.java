package io.nootropic.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/// Examples from RFC 6902, appendix A.
class JsonPatchTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode j(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void rfcExamples() throws Exception {
    assertThat(JsonPatch.apply(j("{\"foo\":\"bar\"}"), j("[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}]")))
        .isEqualTo(j("{\"baz\":\"qux\",\"foo\":\"bar\"}"));
    assertThat(JsonPatch.apply(j("{\"foo\":[\"bar\",\"baz\"]}"), j("[{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}]")))
        .isEqualTo(j("{\"foo\":[\"bar\",\"qux\",\"baz\"]}"));
    assertThat(JsonPatch.apply(j("{\"baz\":\"qux\",\"foo\":\"bar\"}"), j("[{\"op\":\"remove\",\"path\":\"/baz\"}]")))
        .isEqualTo(j("{\"foo\":\"bar\"}"));
    assertThat(JsonPatch.apply(j("{\"foo\":[\"bar\",\"qux\",\"baz\"]}"), j("[{\"op\":\"remove\",\"path\":\"/foo/1\"}]")))
        .isEqualTo(j("{\"foo\":[\"bar\",\"baz\"]}"));
    assertThat(JsonPatch.apply(j("{\"baz\":\"qux\",\"foo\":\"bar\"}"), j("[{\"op\":\"replace\",\"path\":\"/baz\",\"value\":\"boo\"}]")))
        .isEqualTo(j("{\"baz\":\"boo\",\"foo\":\"bar\"}"));
    assertThat(JsonPatch.apply(j("{\"foo\":{\"bar\":\"baz\",\"waldo\":\"fred\"},\"qux\":{\"corge\":\"grault\"}}"),
        j("[{\"op\":\"move\",\"from\":\"/foo/waldo\",\"path\":\"/qux/thud\"}]")))
        .isEqualTo(j("{\"foo\":{\"bar\":\"baz\"},\"qux\":{\"corge\":\"grault\",\"thud\":\"fred\"}}"));
    assertThat(JsonPatch.apply(j("{\"foo\":[\"all\",\"grass\",\"cows\",\"eat\"]}"),
        j("[{\"op\":\"move\",\"from\":\"/foo/1\",\"path\":\"/foo/3\"}]")))
        .isEqualTo(j("{\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}"));
    assertThat(JsonPatch.apply(j("{\"foo\":[\"bar\"]}"), j("[{\"op\":\"add\",\"path\":\"/foo/-\",\"value\":[\"abc\",\"def\"]}]")))
        .isEqualTo(j("{\"foo\":[\"bar\",[\"abc\",\"def\"]]}"));
    assertThat(JsonPatch.apply(j("{\"/\":9,\"~1\":10}"), j("[{\"op\":\"test\",\"path\":\"/~01\",\"value\":10},{\"op\":\"copy\",\"from\":\"/~1\",\"path\":\"/x\"}]")))
        .isEqualTo(j("{\"/\":9,\"~1\":10,\"x\":9}"));
  }

  @Test
  void errorsAreTypedAndLeaveTheInputAlone() throws Exception {
    JsonNode doc = j("{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}");
    JsonNode copy = doc.deepCopy();
    assertThatThrownBy(() -> JsonPatch.apply(doc, j("[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"bar\"}]")))
        .isInstanceOf(JsonPatchException.class).hasMessageContaining("test failed");
    assertThatThrownBy(() -> JsonPatch.apply(doc, j("[{\"op\":\"add\",\"path\":\"/baz/bat\",\"value\":\"qux\"}]")))
        .isInstanceOf(JsonPatchException.class);
    assertThatThrownBy(() -> JsonPatch.apply(doc, j("[{\"op\":\"add\",\"path\":\"/foo/9\",\"value\":1}]")))
        .isInstanceOf(JsonPatchException.class).hasMessageContaining("out of bounds");
    assertThatThrownBy(() -> JsonPatch.apply(doc, j("[{\"op\":\"frob\",\"path\":\"/baz\"}]")))
        .isInstanceOf(JsonPatchException.class).hasMessageContaining("unknown op");
    assertThatThrownBy(() -> JsonPatch.apply(doc, j("{\"op\":\"add\"}")))
        .isInstanceOf(JsonPatchException.class).hasMessageContaining("array");
    assertThatThrownBy(() -> JsonPatch.apply(doc, j("[{\"op\":\"remove\",\"path\":\"/foo/01\"}]")))
        .isInstanceOf(JsonPatchException.class);
    JsonPatch.apply(doc, j("[{\"op\":\"remove\",\"path\":\"/baz\"}]"));
    assertThat(doc).isEqualTo(copy);
  }
}
