package io.stow.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration strings as Compose and Docker write them: {@code 20s}, {@code 1m30s}, {@code 500ms}. */
public final class Durations {

  private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses a duration string.
   *
   * @throws IllegalArgumentException when the text is not one or more {@code <digits><unit>} with
   *     unit ms, s, m or h
   */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write it like 20s, 1m or 1m30s (units ms, s, m, h)");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      total =
          total.plus(
              switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
              });
    }
    return total;
  }

  private static final Pattern GO_WHOLE =
      Pattern.compile("0|(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:ns|us|\u00b5s|ms|s|m|h))+");
  private static final Pattern GO_PART =
      Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|ms|s|m|h)");

  /**
   * Parses a duration as a Compose file writes it, which is Go's form: what {@link #parse} reads,
   * plus fractions ({@code 1.5s}), {@code us}/{@code ns} units and a bare {@code 0}.
   *
   * @throws IllegalArgumentException when the text is not such a duration (or is negative)
   */
  public static Duration parseGo(String text) {
    if (text == null || !GO_WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a duration; write it like 10s, 1m30s or 1.5s (units ns, us, ms, s, m, h)");
    }
    java.math.BigDecimal nanos = java.math.BigDecimal.ZERO;
    Matcher part = GO_PART.matcher(text);
    while (part.find()) {
      java.math.BigDecimal amount =
          new java.math.BigDecimal(
              part.group(1).endsWith(".") ? part.group(1) + "0" : part.group(1));
      long unit =
          switch (part.group(2)) {
            case "ns" -> 1L;
            case "us", "\u00b5s" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos = nanos.add(amount.multiply(java.math.BigDecimal.valueOf(unit)));
    }
    if (nanos.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** Formats a duration the way {@link #parse} reads it, e.g. {@code 1m30s}. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    int millis = duration.toMillisPart();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0) {
      out.append(seconds).append('s');
    }
    if (millis > 0) {
      out.append(millis).append("ms");
    }
    return out.toString();
  }
}
