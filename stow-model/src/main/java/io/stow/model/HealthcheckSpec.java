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

  public HealthcheckSpec {
    test = List.copyOf(test);
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retries, "retries");
    Objects.requireNonNull(startPeriod, "startPeriod");
  }
}
