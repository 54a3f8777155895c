package io.stow.daemon.host;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket: at most {@code capacity} takes at once, then one more every {@code refillEvery}.
 * Bounds how often the daemon downloads archives to answer status requests.
 */
public final class TokenBucket {

  private final Clock clock;
  private final int capacity;
  private final Duration refillEvery;
  private double tokens;
  private Instant last;

  public TokenBucket(Clock clock, int capacity, Duration refillEvery) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    if (refillEvery.isNegative() || refillEvery.isZero()) {
      throw new IllegalArgumentException("refillEvery must be positive: " + refillEvery);
    }
    this.capacity = capacity;
    this.refillEvery = refillEvery;
    this.tokens = capacity;
    this.last = clock.instant();
  }

  /** Takes a token when one is left; never waits. */
  public synchronized boolean tryTake() {
    Instant now = clock.instant();
    if (now.isAfter(last)) {
      double earned = (double) Duration.between(last, now).toNanos() / refillEvery.toNanos();
      tokens = Math.min(capacity, tokens + earned);
      last = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
