package io.stow.cli.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stow.model.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Reads what a daemon (or a proxy in front of it) answered, for decisions and messages. */
final class Answers {

  private static final int MAX_BODY = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Answers() {}

  /** The body, at most 4 KiB of it; empty when it cannot be read. */
  static String body(Response response) {
    ResponseBody body = response.body();
    if (body == null) {
      return "";
    }
    try {
      return new String(body.byteStream().readNBytes(MAX_BODY), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * The daemon's reason for an error answer: the {@code error} field of a JSON body, else the first
   * line of the body, at most 200 characters, the token never in it.
   */
  static String errorText(Response response, Optional<Secret> token) {
    String body = body(response).strip();
    String text = body;
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.hasNonNull("error")) {
        text = json.get("error").asText();
      }
    } catch (IOException notJson) {
      // a proxy's HTML page or plain text: its first line says enough
    }
    String line = text.lines().findFirst().orElse("").strip();
    if (line.length() > 200) {
      line = line.substring(0, 200) + "...";
    }
    // belt and braces: nothing the daemon echoes may carry the token out
    return token.isPresent() ? line.replace(token.get().reveal(), "[redacted]") : line;
  }

  /** {@code Retry-After} in seconds or as an HTTP date. */
  static Optional<Duration> retryAfter(Response response, Clock clock) {
    String value = response.header("Retry-After");
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
