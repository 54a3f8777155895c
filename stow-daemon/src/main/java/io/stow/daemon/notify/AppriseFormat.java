package io.stow.daemon.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An Apprise API server's notify endpoint (github.com/caronc/apprise-api): {@code POST
 * /notify/<key>} (a stored configuration) or {@code /notify} (the server's default URLs), body
 * {@code {title, body, type, format}} with {@code type} one of {@code info}, {@code success},
 * {@code warning}, {@code failure}; Apprise fans it out to every service it knows. A token, for a
 * proxy in front, goes in {@code Authorization: Bearer}.
 */
final class AppriseFormat implements PayloadFormat {

  @Override
  public Payload render(Notification n, Endpoint endpoint) {
    ObjectNode json = JsonBodies.object();
    json.put("title", Texts.cut(Texts.title(n), 250));
    json.put("body", Texts.cut(Texts.plain(n), 4000));
    json.put("type", type(n));
    json.put("format", "text");
    return new Payload(
        endpoint.url().reveal(),
        JsonBodies.JSON,
        JsonBodies.bytes(json),
        JsonBodies.bearer(endpoint));
  }

  static String type(Notification n) {
    return switch (Texts.severity(n)) {
      case OK -> "success";
      case INFO -> "info";
      case WARNING -> "warning";
      case FAILURE -> "failure";
    };
  }
}
