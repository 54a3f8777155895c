package io.stow.daemon.metrics;

import java.util.List;
import java.util.Objects;

/**
 * The notifier's counts, for {@code stow_notifications_total{target,result}}. The notifier provides
 * one through {@code DaemonComposition.notificationStats()}; until it does, the metric has no
 * samples. {@link #counts()} runs on every scrape, on an I/O thread: it must be cheap, must not
 * block, and its values must only grow (they are counters).
 */
@FunctionalInterface
public interface NotificationStats {

  /** No notifier: no samples. */
  NotificationStats NONE = List::of;

  /** Every target and result counted so far. */
  List<Count> counts();

  /**
   * How many notifications to {@code target} ended with {@code result}.
   *
   * @param target the configured target's name or kind, e.g. {@code slack} (no URL: URLs of
   *     webhooks are secrets)
   * @param result e.g. {@code sent} or {@code failed}
   */
  record Count(String target, String result, long value) {
    public Count {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(result, "result");
      if (value < 0) {
        throw new IllegalArgumentException("a count cannot be negative: " + value);
      }
    }
  }
}
