package io.stow.daemon.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How notifications and commit statuses are delivered: per target a queue of {@code queueCapacity}
 * (when full, the oldest is dropped and counted), each request within {@code requestTimeout}, and
 * up to {@code maxAttempts} attempts on connection errors, timeouts, 408, 429 and 5xx, waiting as
 * the receiver asks ({@code Retry-After}, at most {@code maxRetryAfter}) or a random time up to
 * {@code baseDelay * 2^(attempt-1)} capped at {@code maxDelay} (exponential backoff with full
 * jitter). At shutdown, queued notifications get {@code closeGrace} to go out.
 */
public record NotifySettings(
    int queueCapacity,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration maxRetryAfter,
    Duration closeGrace) {

  public NotifySettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    Objects.requireNonNull(closeGrace, "closeGrace");
    if (queueCapacity < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("queueCapacity and maxAttempts must be at least 1");
    }
  }

  /**
   * 100 queued per target; 5 s to connect and 10 s per request; 5 attempts from 1 s doubling up to
   * 60 s; a {@code Retry-After} of up to 10 minutes honoured; 5 s at shutdown.
   */
  public static NotifySettings defaults() {
    return new NotifySettings(
        100,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        5,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofMinutes(10),
        Duration.ofSeconds(5));
  }

  /** The wait before attempt {@code attempt + 1}: {@code jitter} in [0, 1) of the capped delay. */
  Duration backoff(int attempt, double jitter) {
    double exponential = baseDelay.toMillis() * Math.pow(2, Math.min(attempt - 1, 30));
    double ceiling = Math.min(maxDelay.toMillis(), exponential);
    return Duration.ofMillis((long) (ceiling * jitter));
  }

  public NotifySettings withTimeouts(Duration connect, Duration request) {
    return new NotifySettings(
        queueCapacity,
        connect,
        request,
        maxAttempts,
        baseDelay,
        maxDelay,
        maxRetryAfter,
        closeGrace);
  }

  public NotifySettings withRetries(int attempts, Duration base, Duration max) {
    return new NotifySettings(
        queueCapacity,
        connectTimeout,
        requestTimeout,
        attempts,
        base,
        max,
        maxRetryAfter,
        closeGrace);
  }
}
