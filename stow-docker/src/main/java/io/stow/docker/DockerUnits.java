package io.stow.docker;

import java.time.Duration;

/** Durations in the units of the Docker API. Values are parsed and checked in stow-model. */
final class DockerUnits {

  private DockerUnits() {}

  /** A healthcheck duration in nanoseconds, as the Docker API wants it. */
  static long nanos(Duration duration) {
    return duration.toNanos();
  }

  /** A stop timeout in whole seconds, rounded up so the container gets at least what was asked. */
  static int seconds(Duration duration) {
    long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
    return Math.toIntExact(Math.max(0, seconds));
  }
}
