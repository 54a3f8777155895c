package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.model.config.NotifyEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ntfy's "publish as JSON": topic, title, message, priority 1-5, tags, click, to the root URL. */
class NtfyFormatTest {

  @Test
  void aRollback_isPublishedAsJsonToTheServerRoot_withHighPriority() {
    Payload payload =
        Bodies.render(
            new NtfyFormat(),
            SampleNotifications.rolledBack(),
            "https://ntfy.example.com/deploys",
            Optional.of("tk_SENTINEL"));
    JsonNode json = Bodies.json(payload);

    assertThat(payload.url()).isEqualTo("https://ntfy.example.com/");
    assertThat(payload.headers()).containsEntry("Authorization", "Bearer tk_SENTINEL");
    assertThat(json.path("topic").asText()).isEqualTo("deploys");
    assertThat(json.path("title").asText()).isEqualTo("shop rolled back on host-1");
    assertThat(json.path("message").asText())
        .contains("Commit 0123456789ab")
        .contains("Rolled back to deployment hash bbbbbbbbbbbb")
        .contains("Reason: verification failed");
    assertThat(json.path("priority").asInt()).isEqualTo(4);
    assertThat(json.path("tags")).extracting(JsonNode::asText).containsExactly("rewind", "stow");
    assertThat(json.path("click").asText()).contains("/status?head_hash=");
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("topic", "title", "message", "priority", "tags", "click");
  }

  @Test
  void priorities_runFromDefaultToMax() {
    assertThat(NtfyFormat.priority(SampleNotifications.of(NotifyEvent.DEPLOYED))).isEqualTo(3);
    assertThat(NtfyFormat.priority(SampleNotifications.of(NotifyEvent.FAILED))).isEqualTo(4);
    assertThat(NtfyFormat.priority(SampleNotifications.of(NotifyEvent.ROLLBACK_FAILED)))
        .isEqualTo(5);
  }

  @Test
  void topic_isTheLastSegment_keepingAPrefixAndTheQuery() {
    assertThat(NtfyFormat.Topic.of("https://example.com/ntfy/ops-alerts/?auth=abc"))
        .isEqualTo(new NtfyFormat.Topic("https://example.com/ntfy/?auth=abc", "ops-alerts"));
    assertThat(NtfyFormat.Topic.of("http://user:pw@127.0.0.1:8080/t%C3%A9"))
        .isEqualTo(new NtfyFormat.Topic("http://user:pw@127.0.0.1:8080/", "té"));
    assertThatThrownBy(() -> NtfyFormat.Topic.of("https://ntfy.sh/"))
        .hasMessageContaining("names its topic");
  }

  @Test
  void aLongReason_staysWithinNtfysMessageLimit() {
    Notification n = SampleNotifications.rolledBack();
    Notification longer =
        new Notification(
            n.event(),
            n.host(),
            n.folder(),
            n.deployment(),
            n.commit(),
            n.deploymentHash(),
            n.previousHash(),
            n.run(),
            n.result(),
            Optional.of("x".repeat(5000)),
            n.rollback(),
            java.util.Collections.nCopies(50, n.containers().get(0)),
            n.startedAt(),
            n.finishedAt(),
            n.links());

    JsonNode json =
        Bodies.json(Bodies.render(new NtfyFormat(), longer, "https://ntfy.sh/t", Optional.empty()));

    assertThat(json.path("message").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(4096);
  }
}
