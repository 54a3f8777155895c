package io.stow.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory limit as {@code docker run --memory} reads it: a decimal number, an optional space and
 * an optional binary unit ({@code b}, {@code k}, {@code m}, {@code g}, {@code t}, {@code p}, each
 * optionally followed by {@code b} or {@code ib}, any case): {@code 512m}, {@code 1.5g}, {@code
 * 512MiB}, {@code 1t}, {@code 1048576}. Fractions of a byte are dropped, as Docker drops them. Zero
 * means no limit; anything else must be at least Docker's minimum of 6 MiB.
 *
 * @param text the value as written in stow.yaml
 * @param bytes the limit in bytes
 */
public record MemorySize(String text, long bytes) {

  /** Docker refuses a memory limit below this (and above zero) when creating a container. */
  public static final long DOCKER_MINIMUM = 6L * 1024 * 1024;

  private static final Pattern SIZE =
      Pattern.compile("((?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?) ?([a-zA-Z]{0,3})");
  private static final String UNITS = "kmgtp";
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  public MemorySize {
    Objects.requireNonNull(text, "text");
    if (bytes < 0 || bytes > 0 && bytes < DOCKER_MINIMUM) {
      throw new IllegalArgumentException(
          "memory '" + text + "' is below Docker's minimum of 6 MiB (write 6m or more, or 0)");
    }
  }

  /**
   * Parses a memory size.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static MemorySize parse(String text) {
    Objects.requireNonNull(text, "text");
    return new MemorySize(text.strip(), bytesOf(text));
  }

  /**
   * The size in bytes, without Docker's memory minimum (for other sizes Docker reads the same way).
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  static long bytesOf(String text) {
    String value = text.strip();
    Matcher m = SIZE.matcher(value);
    if (!m.matches()) {
      throw invalid(text);
    }
    int power = power(text, m.group(2).toLowerCase(Locale.ROOT));
    BigDecimal size = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
    if (size.compareTo(LONG_MAX) > 0) {
      throw new IllegalArgumentException("memory '" + text + "' is too large");
    }
    return size.longValue();
  }

  private static int power(String text, String unit) {
    if (unit.isEmpty() || unit.equals("b")) {
      return 0;
    }
    int index = UNITS.indexOf(unit.charAt(0));
    String rest = unit.substring(1);
    if (index < 0 || !(rest.isEmpty() || rest.equals("b") || rest.equals("ib"))) {
      throw invalid(text);
    }
    return index + 1;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "memory '"
            + text
            + "' is not a size; write a number with an optional unit b, k, m, g, t or p"
            + " (512m, 1.5g, 512MiB), as docker run --memory accepts");
  }

  @Override
  public String toString() {
    return text;
  }
}
