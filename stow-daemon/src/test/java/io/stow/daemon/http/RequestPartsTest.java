package io.stow.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestPartsTest {

  @Test
  void commits_are40Or64Hex_lowerCased_andABadOneIsNotQuotedBack() throws Exception {
    assertThat(Commits.parse("head_hash", "A".repeat(40))).isEqualTo("a".repeat(40));
    assertThat(Commits.parse("head_hash", "0".repeat(64))).isEqualTo("0".repeat(64));
    assertThatThrownBy(() -> Commits.parse("head_hash", "<script>" + "a".repeat(32)))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("40 characters that are not all hex")
        .hasMessageNotContaining("script");
    assertThatThrownBy(() -> Commits.parse("head_hash", "a".repeat(39)))
        .hasMessageContaining("got 39 characters");
  }

  @Test
  void aPushEvent_isReadFromGitLabsBody() throws Exception {
    PushEvent event =
        PushEvent.parse(
            ("{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\",\"after\":\""
                    + "f".repeat(40)
                    + "\",\"project\":{\"id\":1}}")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(event.isPush()).isTrue();
    assertThat(event.isBranch("main")).isTrue();
    assertThat(event.isBranch("mai")).isFalse();
    assertThat(event.deletesBranch()).isFalse();
    assertThat(event.after()).isEqualTo("f".repeat(40));
  }

  @Test
  void aBodyThatIsNotAnObject_isRefused() {
    assertThatThrownBy(() -> PushEvent.parse("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> PushEvent.parse("{".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not JSON");
  }
}
