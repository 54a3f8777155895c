package io.stow.gitlab;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long the client retries a request that is safe to retry: at most {@code
 * maxAttempts} attempts within {@code maxTotal}, waiting as GitLab asks ({@code Retry-After}, then
 * {@code RateLimit-Reset}) or else a random time up to {@code baseDelay * 2^(attempt-1)}, capped at
 * {@code maxDelay} (exponential backoff with full jitter).
 */
public record RetryPolicy(
    int maxAttempts, Duration maxTotal, Duration baseDelay, Duration maxDelay) {

  /** Five attempts within three minutes, from 0.5 s doubling up to 30 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMinutes(3), Duration.ofMillis(500), Duration.ofSeconds(30));

  /** One attempt: never retry. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(maxTotal, "maxTotal");
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (maxTotal.isNegative() || baseDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("retry durations must not be negative");
    }
  }

  /**
   * The backoff before attempt {@code attempt + 1}: {@code jitter} (in [0, 1)) times the capped
   * exponential delay.
   */
  Duration backoff(int attempt, double jitter) {
    double exponential = baseDelay.toMillis() * Math.pow(2, attempt - 1);
    double ceiling = Math.min(maxDelay.toMillis(), exponential);
    return Duration.ofMillis((long) (ceiling * jitter));
  }
}
