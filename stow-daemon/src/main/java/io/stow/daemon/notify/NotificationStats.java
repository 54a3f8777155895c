package io.stow.daemon.notify;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Counts of what became of notifications and commit statuses, for {@code /metrics} as {@code
 * stow_notifications_total{target,result}}: one counter per target (its {@code name}, or {@value
 * #COMMIT_STATUS_TARGET} for GitLab commit statuses) and {@link Result}, every pair present from
 * the start (at zero). Counters only grow; reading them never blocks delivery.
 */
public interface NotificationStats {

  /** The Prometheus metric these counters are. */
  String METRIC = "stow_notifications_total";

  /** The target label of GitLab commit statuses. */
  String COMMIT_STATUS_TARGET = "gitlab-commit-status";

  /** No targets: no counters. */
  NotificationStats NONE = List::of;

  /** What became of one notification. */
  enum Result {
    /** The receiver accepted it (2xx), possibly after retries. */
    SENT,
    /** It was given up: refused, or still failing after the last retry. */
    FAILED,
    /** The target's queue was full and it was the oldest: dropped unsent. */
    DROPPED;

    /** {@code sent}, {@code failed}, {@code dropped}: the label value. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One counter. */
  record Count(String target, Result result, long value) {
    public Count {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(result, "result");
    }
  }

  /** Every counter now, by target in configuration order, then by result. */
  List<Count> counts();
}
