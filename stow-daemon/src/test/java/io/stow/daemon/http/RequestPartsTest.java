package io.stow.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
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
        PushEvent.read(
            new HeaderMap(),
            ("{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\",\"after\":\""
                    + "f".repeat(40)
                    + "\",\"project\":{\"id\":1}}")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(event.isPush()).isTrue();
    assertThat(event.isBranch("main")).isTrue();
    assertThat(event.isBranch("mai")).isFalse();
    assertThat(event.deletesBranch()).isFalse();
    assertThat(event.after()).isEqualTo("f".repeat(40));
    assertThat(event.sender()).isEqualTo(WebhookSender.GITLAB);
  }

  @Test
  void theSender_isTheEventHeader_forgejoAndGiteaBeforeGitHub() throws Exception {
    HeaderMap gitea = new HeaderMap();
    gitea.add(new HttpString("X-GitHub-Event"), "push");
    gitea.add(new HttpString("X-Gitea-Event"), "Push");
    HeaderMap github = new HeaderMap();
    github.add(new HttpString("X-GitHub-Event"), "ping");

    assertThat(WebhookSender.of(gitea)).isEqualTo(WebhookSender.GITEA);
    assertThat(PushEvent.read(gitea, "{}".getBytes(StandardCharsets.UTF_8)).isPush()).isTrue();
    PushEvent ping = PushEvent.read(github, "not even JSON".getBytes(StandardCharsets.UTF_8));
    assertThat(ping.isPing()).isTrue();
    assertThat(ping.isPush()).isFalse();
  }

  @Test
  void gitHubsDeletedFlag_deletesTheBranch_asAnAllZeroAfterDoes() throws Exception {
    HeaderMap github = new HeaderMap();
    github.add(new HttpString("X-GitHub-Event"), "push");

    PushEvent deleted =
        PushEvent.read(
            github,
            "{\"ref\":\"refs/heads/main\",\"after\":\"\",\"deleted\":true}"
                .getBytes(StandardCharsets.UTF_8));

    assertThat(deleted.deletesBranch()).isTrue();
  }

  @Test
  void aBodyThatIsNotAnObject_isRefused() {
    assertThatThrownBy(
            () -> PushEvent.read(new HeaderMap(), "[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> PushEvent.read(new HeaderMap(), "{".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not JSON");
  }
}
