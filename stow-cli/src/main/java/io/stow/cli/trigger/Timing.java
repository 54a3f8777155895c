package io.stow.cli.trigger;

import java.time.Clock;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Time and chance for the trigger client: the clock that bounds {@code --wait}, the sleeper between
 * attempts and polls, and the jitter of the backoff (values in [0, 1)).
 */
public record Timing(Clock clock, Sleeper sleeper, DoubleSupplier jitter) {

  /** The system clock, real sleeps and a random jitter. */
  public static Timing system() {
    return new Timing(Clock.systemUTC(), Sleeper.SYSTEM, Math::random);
  }

  public Timing {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(jitter, "jitter");
  }
}
