package io.stow.daemon.notify;

import io.stow.daemon.metrics.NotificationStats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What became of notifications and commit statuses, the samples of {@code
 * stow_notifications_total{target,result}}: one counter per target (its {@code name}, or {@link
 * CommitStatusReporter#TARGET} for GitLab commit statuses) and {@link Result}, every pair present
 * from the start (at zero) since targets are registered before any counting. Counters only grow;
 * reading them never blocks delivery.
 */
final class NotificationCounters implements NotificationStats {

  /** What became of one notification. */
  enum Result {
    /** The receiver accepted it (2xx), possibly after retries. */
    SENT,
    /** It was given up: refused, or still failing after the last retry. */
    FAILED,
    /** The target's queue was full and it was the oldest: dropped unsent. */
    DROPPED;

    /** {@code sent}, {@code failed}, {@code dropped}: the label value. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Map<String, Map<Result, AtomicLong>> counters = new LinkedHashMap<>();

  /** Adds a target with its counters at zero. */
  synchronized void register(String target) {
    Map<Result, AtomicLong> byResult = new EnumMap<>(Result.class);
    for (Result result : Result.values()) {
      byResult.put(result, new AtomicLong());
    }
    counters.putIfAbsent(target, byResult);
  }

  void count(String target, Result result) {
    Map<Result, AtomicLong> byResult;
    synchronized (this) {
      byResult = counters.get(target);
    }
    if (byResult == null) {
      throw new IllegalArgumentException("no target " + target);
    }
    byResult.get(result).incrementAndGet();
  }

  long value(String target, Result result) {
    return counts().stream()
        .filter(c -> c.target().equals(target) && c.result().equals(result.label()))
        .mapToLong(Count::value)
        .sum();
  }

  /** Every counter now, by target in configuration order, then by result. */
  @Override
  public synchronized List<Count> counts() {
    List<Count> all = new ArrayList<>();
    counters.forEach(
        (target, byResult) ->
            byResult.forEach(
                (result, value) -> all.add(new Count(target, result.label(), value.get()))));
    return all;
  }
}
