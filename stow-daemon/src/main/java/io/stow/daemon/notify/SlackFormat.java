package io.stow.daemon.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A Slack incoming webhook message (api.slack.com/messaging/webhooks): {@code text} (the title,
 * what notifications show) and Block Kit blocks: a header (plain text, at most 150 characters), a
 * section with the body in mrkdwn (at most 3,000) and a context line with the link. Text from the
 * run is escaped ({@code &}, {@code <}, {@code >}) so it can neither format nor mention. The
 * webhook URL carries its own secret.
 */
final class SlackFormat implements PayloadFormat {

  static final int MAX_HEADER = 150;
  static final int MAX_SECTION = 3000;

  @Override
  public Payload render(Notification n, Endpoint endpoint) {
    ObjectNode json = JsonBodies.object();
    String title = Texts.title(n);
    json.put("text", escape(title));
    ArrayNode blocks = json.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", Texts.cut(title, MAX_HEADER));
    List<String> lines = Texts.lines(n);
    if (!lines.isEmpty()) {
      ObjectNode section = blocks.addObject().put("type", "section");
      section
          .putObject("text")
          .put("type", "mrkdwn")
          .put("text", Texts.cut(escape(String.join("\n", lines)), MAX_SECTION));
    }
    String context =
        escape("stow · " + n.host() + " · " + n.folder())
            + n.links().map(l -> " · <" + l.status() + "|status>").orElse("");
    ObjectNode contextBlock = blocks.addObject().put("type", "context");
    contextBlock.putArray("elements").addObject().put("type", "mrkdwn").put("text", context);
    return new Payload(endpoint.url().reveal(), JsonBodies.JSON, JsonBodies.bytes(json), Map.of());
  }

  /** Slack's three control characters in text, as its formatting guide asks. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
