package io.stow.docker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the size, CPU and duration notations of stow.yaml into the units of the Docker API. */
final class DockerUnits {

  // Docker's RAMInBytes: binary multiples, an optional "i" and "b" ("512m", "1g", "1.5GiB", "100")
  private static final Pattern MEMORY =
      Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?", Pattern.CASE_INSENSITIVE);
  private static final BigDecimal NANOS_PER_CPU = BigDecimal.valueOf(1_000_000_000L);

  private DockerUnits() {}

  /** {@code 512m}, {@code 1g}, {@code 1024k}, {@code 1.5g} or plain bytes, in bytes. */
  static long memoryBytes(String value) {
    Matcher m = MEMORY.matcher(value.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "memory '" + value + "' is not a size; write a number with an optional unit: 512m, 1g");
    }
    int power =
        m.group(2) == null ? 0 : "kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT).charAt(0)) + 1;
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
    long result = bytes.setScale(0, RoundingMode.DOWN).longValueExact();
    if (result <= 0) {
      throw new IllegalArgumentException("memory '" + value + "' must be more than 0 bytes");
    }
    return result;
  }

  /**
   * {@code cpus: 1.5} as Docker's NanoCPUs; more than nine decimals is rejected, as Docker does.
   */
  static long nanoCpus(BigDecimal cpus) {
    if (cpus.signum() <= 0) {
      throw new IllegalArgumentException("cpus " + cpus.toPlainString() + " must be more than 0");
    }
    BigDecimal nanos = cpus.multiply(NANOS_PER_CPU).stripTrailingZeros();
    if (nanos.scale() > 0) {
      throw new IllegalArgumentException(
          "cpus " + cpus.toPlainString() + " is too precise; use at most nine decimals");
    }
    return nanos.longValueExact();
  }

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
