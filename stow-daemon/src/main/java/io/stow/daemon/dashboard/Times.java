package io.stow.daemon.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the dashboard shows them: UTC to the second, and how long ago. */
final class Times {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  /** {@code 2026-05-01 10:00:03Z}. */
  static String utc(Instant at) {
    return UTC.format(at);
  }

  /** {@code 12 s ago}, {@code 5 min ago}, {@code 3 h ago}, {@code 2 d ago}. */
  static String ago(Instant at, Instant now) {
    Duration d = Duration.between(at, now);
    if (d.isNegative()) {
      return "just now";
    }
    long s = d.toSeconds();
    if (s < 90) {
      return s + " s ago";
    }
    if (s < 90 * 60) {
      return (s / 60) + " min ago";
    }
    if (s < 36 * 3600) {
      return (s / 3600) + " h ago";
    }
    return (s / 86400) + " d ago";
  }

  /** {@code 850 ms}, {@code 6.2 s}, {@code 20 s}, {@code 12 min 4 s}. */
  static String took(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 600_000) {
      return millis % 1000 == 0
          ? millis / 1000 + " s"
          : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return (millis / 60_000) + " min " + (millis % 60_000) / 1000 + " s";
  }
}
