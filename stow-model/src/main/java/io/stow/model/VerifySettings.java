package io.stow.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a deployment must stay valid ({@code stable}) within the verification window ({@code
 * timeout}) before it counts as complete.
 */
public record VerifySettings(Duration timeout, Duration stable) {

  public static final VerifySettings DEFAULT =
      new VerifySettings(Duration.ofSeconds(60), Duration.ofSeconds(20));

  public VerifySettings {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(stable, "stable");
    if (timeout.isNegative() || stable.isNegative()) {
      throw new IllegalArgumentException("verification windows must not be negative");
    }
  }
}
