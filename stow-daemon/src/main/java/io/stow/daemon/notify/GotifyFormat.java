package io.stow.daemon.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Gotify message (gotify.net/api-docs, {@code POST /message}): the configured URL is the server's
 * {@code /message} endpoint; body {@code {title, message, priority, extras}} with the status link
 * as the notification's click URL. The token, a Gotify application token, goes in {@code
 * X-Gotify-Key}. Priority 10 for a failed rollback, 8 for failures, 6 for rollbacks and
 * degradation, 4 otherwise, 2 for the test.
 */
final class GotifyFormat implements PayloadFormat {

  @Override
  public Payload render(Notification n, Endpoint endpoint) {
    ObjectNode json = JsonBodies.object();
    json.put("title", Texts.cut(Texts.title(n), 250));
    json.put("message", Texts.cut(Texts.plain(n), 4000));
    json.put("priority", priority(n));
    ObjectNode extras = json.putObject("extras");
    extras.putObject("client::display").put("contentType", "text/plain");
    n.links()
        .ifPresent(
            l ->
                extras.putObject("client::notification").putObject("click").put("url", l.status()));
    Map<String, String> headers = new LinkedHashMap<>();
    endpoint.token().ifPresent(t -> headers.put("X-Gotify-Key", t.reveal()));
    return new Payload(endpoint.url().reveal(), JsonBodies.JSON, JsonBodies.bytes(json), headers);
  }

  static int priority(Notification n) {
    return switch (n.event()) {
      case ROLLBACK_FAILED -> 10;
      case FAILED -> 8;
      case ROLLED_BACK, DEGRADED -> 6;
      case TEST -> 2;
      default -> 4;
    };
  }
}
