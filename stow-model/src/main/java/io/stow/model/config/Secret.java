package io.stow.model.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value from configuration (a token). It never shows itself: {@link #toString()} is {@code
 * <redacted>}, and {@link #reveal()} is called only where the value is sent.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The value, for the one place that sends it. */
  public String reveal() {
    return value;
  }

  /** Compares with {@code candidate} in time that does not depend on where they differ. */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && MessageDigest.isEqual(bytes(), s.bytes());
  }

  @Override
  public int hashCode() {
    return 0; // no hint of the value, not even through a hash
  }

  @Override
  public String toString() {
    return "<redacted>";
  }

  private byte[] bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
