package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Discord's Execute Webhook: one embed within Discord's limits, and no mentions. */
class DiscordFormatTest {

  private static final String HOOK = "https://discord.com/api/webhooks/123/SENTINEL-token";

  @Test
  void aRollback_isOneOrangeEmbedLinkingToTheStatus_withMentionsOff() {
    Payload payload =
        Bodies.render(
            new DiscordFormat(), SampleNotifications.rolledBack(), HOOK, Optional.empty());
    JsonNode json = Bodies.json(payload);

    assertThat(payload.url()).isEqualTo(HOOK);
    assertThat(payload.headers()).isEmpty();
    assertThat(json.path("allowed_mentions").path("parse").isArray()).isTrue();
    assertThat(json.path("allowed_mentions").path("parse")).isEmpty();
    assertThat(json.path("embeds")).hasSize(1);
    JsonNode embed = json.path("embeds").get(0);
    assertThat(embed.path("title").asText()).isEqualTo("shop rolled back on host-1");
    assertThat(embed.path("description").asText()).contains("Reason: verification failed");
    assertThat(embed.path("url").asText()).contains("/status?head_hash=");
    assertThat(embed.path("color").asInt()).isEqualTo(0xE67E22);
    assertThat(embed.path("timestamp").asText()).isEqualTo("2026-05-01T10:01:05Z");
    assertThat(embed.path("footer").path("text").asText()).contains("host-1");
  }

  @Test
  void aHugeNotification_staysWithinDiscordsEmbedLimits() {
    Notification n = SampleNotifications.rolledBack();
    Notification huge =
        new Notification(
            n.event(),
            n.host(),
            n.folder(),
            Optional.of("d".repeat(400)),
            n.commit(),
            n.deploymentHash(),
            n.previousHash(),
            n.run(),
            n.result(),
            Optional.of("r".repeat(5000)),
            n.rollback(),
            java.util.Collections.nCopies(50, n.containers().get(0)),
            n.startedAt(),
            n.finishedAt(),
            n.links());

    JsonNode embed =
        Bodies.json(Bodies.render(new DiscordFormat(), huge, HOOK, Optional.empty()))
            .path("embeds")
            .get(0);

    assertThat(embed.path("title").asText()).hasSizeLessThanOrEqualTo(256);
    assertThat(embed.path("description").asText()).hasSizeLessThanOrEqualTo(4096);
    int total =
        embed.path("title").asText().length()
            + embed.path("description").asText().length()
            + embed.path("footer").path("text").asText().length();
    assertThat(total).isLessThanOrEqualTo(6000);
  }
}
