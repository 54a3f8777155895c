package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Slack's incoming webhook: text plus header, section and context blocks, text escaped. */
class SlackFormatTest {

  @Test
  void aRollback_isAHeaderASectionAndAContextWithTheLink() {
    JsonNode json =
        Bodies.json(
            Bodies.render(
                new SlackFormat(),
                SampleNotifications.rolledBack(),
                "https://hooks.slack.com/services/T0/B0/SENTINEL",
                Optional.empty()));

    assertThat(json.path("text").asText()).isEqualTo("shop rolled back on host-1");
    JsonNode blocks = json.path("blocks");
    assertThat(blocks)
        .extracting(b -> b.path("type").asText())
        .containsExactly("header", "section", "context");
    assertThat(blocks.get(0).path("text").path("type").asText()).isEqualTo("plain_text");
    assertThat(blocks.get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
    assertThat(blocks.get(2).path("elements").get(0).path("text").asText())
        .endsWith("|status>")
        .contains("<https://host-1.example.com:17403/status?head_hash=");
  }

  @Test
  void textFromTheRun_cannotMentionOrFormat() {
    JsonNode json =
        Bodies.json(
            Bodies.render(
                new SlackFormat(),
                SampleNotifications.rolledBack(),
                "https://hooks.slack.com/services/T0/B0/x",
                Optional.empty()));
    String section = json.path("blocks").get(1).path("text").path("text").asText();

    assertThat(section)
        .contains("&lt;!channel&gt;")
        .contains("&amp; co")
        .doesNotContain("<!channel>");
  }

  @Test
  void longTexts_stayWithinBlockKitLimits() {
    Notification n = SampleNotifications.rolledBack();
    Notification huge =
        new Notification(
            n.event(),
            n.host(),
            n.folder(),
            Optional.of("d".repeat(300)),
            n.commit(),
            n.deploymentHash(),
            n.previousHash(),
            n.run(),
            n.result(),
            Optional.of("<".repeat(1000)),
            n.rollback(),
            java.util.Collections.nCopies(50, n.containers().get(0)),
            n.startedAt(),
            n.finishedAt(),
            n.links());

    JsonNode blocks =
        Bodies.json(
                Bodies.render(
                    new SlackFormat(), huge, "https://hooks.slack.com/x", Optional.empty()))
            .path("blocks");

    assertThat(blocks.get(0).path("text").path("text").asText()).hasSizeLessThanOrEqualTo(150);
    assertThat(blocks.get(1).path("text").path("text").asText()).hasSizeLessThanOrEqualTo(3000);
  }
}
