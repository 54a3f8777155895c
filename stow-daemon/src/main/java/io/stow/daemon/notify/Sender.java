package io.stow.daemon.notify;

import io.stow.engine.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;

/**
 * Delivers one payload: retries connection errors, timeouts, 408, 429 and 5xx with the settings'
 * backoff (or as long as {@code Retry-After} asks, up to a bound), and gives up at once on any
 * other answer, saying what to check. What it reports never holds the target's secrets: the
 * answer's body passes through {@code redact}.
 */
final class Sender {

  /** How a delivery ended: sent or not, after how many attempts, and the last answer or error. */
  record Outcome(boolean sent, int attempts, String detail) {}

  private final HttpPoster poster;
  private final NotifySettings settings;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final Clock clock;

  Sender(
      HttpPoster poster,
      NotifySettings settings,
      Sleeper sleeper,
      DoubleSupplier jitter,
      Clock clock) {
    this.poster = Objects.requireNonNull(poster, "poster");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Sends, retrying as allowed; {@code attempts} bounds this delivery (1 for a test). */
  Outcome send(Payload payload, int attempts, UnaryOperator<String> redact)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      String detail;
      Optional<Duration> asked = Optional.empty();
      try {
        HttpPoster.Answer answer = poster.post(payload);
        if (answer.successful()) {
          return new Outcome(true, attempt, "answered " + answer.status());
        }
        int status = answer.status();
        detail = "answered " + status + snippet(answer.body(), redact);
        if (!(status == 408 || status == 429 || status >= 500)) {
          return new Outcome(false, attempt, detail + advice(status));
        }
        asked = answer.retryAfter().flatMap(this::retryAfter);
      } catch (InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("stopped while sending");
        }
        detail = "timed out after " + settings.requestTimeout().toSeconds() + " s";
      } catch (IOException e) {
        detail = describe(e, redact);
      } catch (IllegalArgumentException e) {
        return new Outcome(false, attempt, "cannot be sent: " + redact.apply(e.getMessage()));
      }
      if (attempt >= attempts) {
        return new Outcome(false, attempt, detail + " (gave up after " + attempt + " attempts)");
      }
      if (asked.filter(wait -> wait.compareTo(settings.maxRetryAfter()) > 0).isPresent()) {
        return new Outcome(
            false,
            attempt,
            detail
                + " and asked to retry after "
                + asked.get().toSeconds()
                + " s, longer than the "
                + settings.maxRetryAfter().toSeconds()
                + " s stow waits");
      }
      sleeper.sleep(
          asked.isPresent() ? asked.get() : settings.backoff(attempt, jitter.getAsDouble()));
    }
  }

  /** {@code Retry-After} in seconds or as an HTTP date. */
  Optional<Duration> retryAfter(String value) {
    String text = value.strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static String snippet(String body, UnaryOperator<String> redact) {
    String line = redact.apply(body).replaceAll("\\s+", " ").strip();
    return line.isEmpty() ? "" : ": " + Texts.cut(line, 200);
  }

  private static String advice(int status) {
    return switch (status) {
      case 401, 403 -> "; check the target's tokenFile or the credentials in its url";
      case 404 -> "; check the target's url (a deleted webhook or a wrong path)";
      case 300, 301, 302, 303, 307, 308 -> "; redirects are not followed: set the final URL";
      default -> status >= 400 && status < 500 ? "; the receiver refused the request" : "";
    };
  }

  private static String describe(IOException e, UnaryOperator<String> redact) {
    String kind =
        e instanceof ConnectException
            ? "cannot connect"
            : e instanceof UnknownHostException ? "unknown host" : "I/O error";
    String message = e.getMessage();
    return message == null || message.isBlank() ? kind : kind + ": " + redact.apply(message);
  }
}
