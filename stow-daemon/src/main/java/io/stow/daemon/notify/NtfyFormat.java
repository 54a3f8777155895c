package io.stow.daemon.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ntfy's JSON publishing (docs.ntfy.sh/publish, "Publish as JSON"): the configured URL is the topic
 * URL ({@code https://ntfy.sh/<topic>}); stow posts {@code {topic, title, message, priority, tags,
 * click}} to the server's root (the URL without its last path segment, query kept), which carries
 * UTF-8 safely where headers would not. Priority 5 (max) for a failed rollback, 4 (high) for
 * failures, rollbacks and degradation, 3 (default) otherwise. The token, an ntfy access token, goes
 * in {@code Authorization: Bearer}.
 */
final class NtfyFormat implements PayloadFormat {

  /** ntfy refuses messages over 4,096 bytes by default; stay well below. */
  static final int MAX_MESSAGE = 3000;

  @Override
  public Payload render(Notification n, Endpoint endpoint) {
    Topic topic = Topic.of(endpoint.url().reveal());
    ObjectNode json = JsonBodies.object();
    json.put("topic", topic.name());
    json.put("title", Texts.cut(Texts.title(n), 250));
    List<String> lines = Texts.lines(n);
    json.put(
        "message",
        Texts.cut(lines.isEmpty() ? Texts.title(n) : String.join("\n", lines), MAX_MESSAGE));
    json.put("priority", priority(n));
    json.putArray("tags").add(tag(n)).add("stow");
    n.links().ifPresent(l -> json.put("click", l.status()));
    return new Payload(
        topic.server(), JsonBodies.JSON, JsonBodies.bytes(json), JsonBodies.bearer(endpoint));
  }

  static int priority(Notification n) {
    return switch (n.event()) {
      case ROLLBACK_FAILED -> 5;
      case FAILED, ROLLED_BACK, DEGRADED -> 4;
      default -> 3;
    };
  }

  /** An emoji short code ntfy shows in front of the title. */
  static String tag(Notification n) {
    return switch (n.event()) {
      case DEPLOYED -> "white_check_mark";
      case FAILED -> "x";
      case ROLLED_BACK -> "rewind";
      case ROLLBACK_FAILED -> "rotating_light";
      case DRIFT_REPAIRED -> "wrench";
      case DEGRADED -> "warning";
      case TEST -> "test_tube";
    };
  }

  /** A topic URL split into the server's root and the topic's name. */
  record Topic(String server, String name) {

    /**
     * @throws IllegalArgumentException when the URL names no topic
     */
    static Topic of(String url) {
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("the ntfy URL is not a URL", e);
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
      int slash = path.lastIndexOf('/');
      String name = slash < 0 ? "" : path.substring(slash + 1);
      if (name.isEmpty()) {
        throw new IllegalArgumentException(
            "an ntfy URL names its topic: https://ntfy.example.com/<topic>");
      }
      String server =
          uri.getScheme()
              + "://"
              + uri.getRawAuthority()
              + path.substring(0, slash + 1)
              + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      return new Topic(server, URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8));
    }
  }
}
