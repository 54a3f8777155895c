package io.stow.cli.trigger;

import java.time.Duration;
import java.util.Objects;

/**
 * How often the client sends a request that failed in a way worth retrying (no connection, 429,
 * 5xx): at most {@code attempts} attempts, waiting before attempt {@code n + 1} a random time in
 * {@code [0, min(max, base * 2^(n-1)))} (exponential backoff with full jitter, so that many
 * pipelines failing at once spread out instead of retrying in step), or what the daemon asked for
 * with {@code Retry-After}, capped at {@code max}.
 */
public record Backoff(int attempts, Duration base, Duration max) {

  /** Five attempts, from 1 s doubling up to 30 s: about a minute at worst. */
  public static final Backoff DEFAULT =
      new Backoff(5, Duration.ofSeconds(1), Duration.ofSeconds(30));

  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    }
    if (base.isNegative() || max.isNegative()) {
      throw new IllegalArgumentException("backoff durations must not be negative");
    }
  }

  /** The same schedule with {@code attempts} attempts. */
  public Backoff withAttempts(int attempts) {
    return new Backoff(attempts, base, max);
  }

  /** The wait after failed attempt {@code attempt} (1-based); {@code jitter} is in [0, 1). */
  Duration delay(int attempt, double jitter) {
    double exponential = base.toMillis() * Math.pow(2, Math.min(attempt - 1, 30));
    double ceiling = Math.min(max.toMillis(), exponential);
    return Duration.ofMillis((long) (ceiling * jitter));
  }

  /** What the daemon asked for, but never longer than {@link #max}. */
  Duration asked(Duration retryAfter) {
    return retryAfter.compareTo(max) > 0 ? max : retryAfter;
  }
}
