package io.stow.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Docker healthcheck with Compose semantics. {@code test} is in Docker's form: {@code ["CMD",
 * ...]}, {@code ["CMD-SHELL", "..."]} or {@code ["NONE"]} (when {@code disable} is set).
 */
public record HealthcheckSpec(
    List<String> test,
    Optional<Duration> interval,
    Optional<Duration> timeout,
    Optional<Integer> retries,
    Optional<Duration> startPeriod,
    boolean disable) {

  /** The shortest non-zero duration Docker accepts. */
  public static final Duration MINIMUM = Duration.ofMillis(1);

  public HealthcheckSpec {
    test = List.copyOf(test);
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retries, "retries");
    Objects.requireNonNull(startPeriod, "startPeriod");
    interval.ifPresent(d -> checkDuration("interval", d));
    timeout.ifPresent(d -> checkDuration("timeout", d));
    startPeriod.ifPresent(d -> checkDuration("startPeriod", d));
    retries.filter(r -> r < 0).ifPresent(r -> fail("retries must not be negative"));
    if (test.isEmpty()) {
      fail("test must not be empty");
    }
    switch (test.get(0)) {
      case "NONE" -> {
        if (test.size() != 1) {
          fail("test [\"NONE\"] takes nothing after NONE");
        }
      }
      case "CMD" -> {
        if (test.size() < 2) {
          fail("test [\"CMD\", ...] needs the command to run after CMD");
        }
      }
      case "CMD-SHELL" -> {
        if (test.size() != 2) {
          fail("test [\"CMD-SHELL\", \"...\"] takes exactly one shell command");
        }
      }
      default -> fail("test must start with CMD, CMD-SHELL or NONE");
    }
  }

  /** Docker refuses a healthcheck duration between zero and one millisecond. */
  private static void checkDuration(String name, Duration duration) {
    if (duration.isNegative() || !duration.isZero() && duration.compareTo(MINIMUM) < 0) {
      fail(name + " must be 0 (Docker's default) or at least 1ms");
    }
  }

  private static void fail(String message) {
    throw new IllegalArgumentException(message);
  }
}
