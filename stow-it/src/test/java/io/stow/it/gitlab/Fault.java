package io.stow.it.gitlab;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What an injected failure does to a request: wait {@code delay} first (to make a client time out),
 * then answer {@code status} with these headers and body instead of the real answer; a status of 0
 * means answer normally after the delay.
 */
public record Fault(int status, Map<String, String> headers, String body, Duration delay) {

  public Fault {
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(delay, "delay");
  }

  /** Answers {@code status} with a JSON body such as {@code {"message":"500 ..."}}. */
  public static Fault status(int status, String jsonBody) {
    return new Fault(status, Map.of(), jsonBody, Duration.ZERO);
  }

  /** Answers 429 with {@code Retry-After: seconds}, as GitLab's rate limiter does. */
  public static Fault tooManyRequests(int retryAfterSeconds) {
    return new Fault(
        429,
        Map.of("Retry-After", Integer.toString(retryAfterSeconds)),
        "{\"message\":\"Retry later\"}",
        Duration.ZERO);
  }

  /** Waits {@code delay}, then answers normally. */
  public static Fault delay(Duration delay) {
    return new Fault(0, Map.of(), "", delay);
  }
}
