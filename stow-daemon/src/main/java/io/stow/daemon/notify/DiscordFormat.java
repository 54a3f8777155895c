package io.stow.daemon.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A Discord webhook message (discord.com/developers/docs/resources/webhook, "Execute Webhook"): one
 * embed with the title, the body as description, the status link as its URL, a colour by severity
 * and the time; {@code allowed_mentions} empty so no text of a reason can ping {@code @everyone}.
 * Within Discord's limits: title 256, description 4,096, footer 2,048, 6,000 characters in all. The
 * webhook URL carries its own secret.
 */
final class DiscordFormat implements PayloadFormat {

  static final int MAX_TITLE = 256;
  static final int MAX_DESCRIPTION = 4096;

  @Override
  public Payload render(Notification n, Endpoint endpoint) {
    ObjectNode json = JsonBodies.object();
    json.put("username", "stow");
    json.putObject("allowed_mentions").putArray("parse");
    ObjectNode embed = json.putArray("embeds").addObject();
    embed.put("title", Texts.cut(Texts.title(n), MAX_TITLE));
    List<String> lines = Texts.lines(n);
    embed.put(
        "description",
        Texts.cut(lines.isEmpty() ? Texts.title(n) : String.join("\n", lines), 3500));
    n.links().ifPresent(l -> embed.put("url", l.status()));
    embed.put("color", colour(n));
    embed.put("timestamp", n.finishedAt().toString());
    embed
        .putObject("footer")
        .put("text", Texts.cut("stow · " + n.host() + " · " + n.folder(), 200));
    return new Payload(endpoint.url().reveal(), JsonBodies.JSON, JsonBodies.bytes(json), Map.of());
  }

  /** Green, blue, orange or red, as an RGB integer. */
  static int colour(Notification n) {
    return switch (Texts.severity(n)) {
      case OK -> 0x2EA043;
      case INFO -> 0x3B82F6;
      case WARNING -> 0xE67E22;
      case FAILURE -> 0xE74C3C;
    };
  }
}
