package io.stow.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the notifications a {@link NotificationReceiver} got as each format puts them: which event
 * one tells (the {@code json} document names it, the chat formats say it in their title) and its
 * text for people; and scans them for secrets.
 */
public final class NotifyPayloads {

  private NotifyPayloads() {}

  /** The event of {@code request}, sent in {@code format}: {@code deployed}, {@code failed}... */
  public static String event(String format, NotificationReceiver.Request request) {
    if (format.equals("json")) {
      return request.json().path("event").asText();
    }
    String title = title(format, request.json());
    if (title.contains(" rolled back on ")) {
      return "rolled-back";
    }
    if (title.contains(": rollback failed on ")) {
      return "rollback-failed";
    }
    if (title.contains(" failed on ")) {
      return "failed";
    }
    if (title.contains(": drift repaired on ")) {
      return "drift-repaired";
    }
    if (title.contains(" degraded on ")) {
      return "degraded";
    }
    if (title.contains(" deployed on ")) {
      return "deployed";
    }
    return "unknown: " + title;
  }

  /** The events of every request, in order. */
  public static List<String> events(String format, List<NotificationReceiver.Request> requests) {
    return requests.stream().map(r -> event(format, r)).toList();
  }

  /** The title people see. */
  public static String title(String format, JsonNode body) {
    return switch (format) {
      case "json", "ntfy", "gotify", "apprise" -> body.path("title").asText();
      case "discord" -> body.path("embeds").path(0).path("title").asText();
      case "slack" -> body.path("text").asText();
      default -> throw new IllegalArgumentException("no format " + format);
    };
  }

  /** The text under the title: the reason, the rollback, the containers. */
  public static String text(String format, JsonNode body) {
    return switch (format) {
      case "json" -> body.path("reason").asText();
      case "ntfy" -> body.path("message").asText();
      case "gotify" -> body.path("message").asText();
      case "apprise" -> body.path("body").asText();
      case "discord" -> body.path("embeds").path(0).path("description").asText();
      case "slack" -> body.path("blocks").path(1).path("text").path("text").asText();
      default -> throw new IllegalArgumentException("no format " + format);
    };
  }

  /**
   * Asserts that no request holds {@code sentinel} in its path, body or headers, except the one
   * header that carries the target's own token ({@code tokenHeader}, e.g. {@code Authorization:
   * Bearer <token>}), which must hold exactly that.
   */
  public static void assertNoSecret(
      List<NotificationReceiver.Request> requests,
      String sentinel,
      Optional<Map.Entry<String, String>> tokenHeader) {
    for (NotificationReceiver.Request r : requests) {
      assertThat(r.path()).as("path of %s", r).doesNotContain(sentinel);
      assertThat(r.body()).as("body").doesNotContain(sentinel);
      r.headers()
          .forEach(
              (name, value) -> {
                boolean token =
                    tokenHeader
                        .filter(t -> t.getKey().toLowerCase(Locale.ROOT).equals(name))
                        .isPresent();
                if (token) {
                  assertThat(value).isEqualTo(tokenHeader.get().getValue());
                } else {
                  assertThat(value).as("header %s", name).doesNotContain(sentinel);
                }
              });
    }
  }
}
