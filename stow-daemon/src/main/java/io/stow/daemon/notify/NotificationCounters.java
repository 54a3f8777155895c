package io.stow.daemon.notify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The counters behind {@link NotificationStats}; targets are registered before any counting. */
final class NotificationCounters implements NotificationStats {

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
        .filter(c -> c.target().equals(target) && c.result() == result)
        .mapToLong(Count::value)
        .sum();
  }

  @Override
  public synchronized List<Count> counts() {
    List<Count> all = new ArrayList<>();
    counters.forEach(
        (target, byResult) ->
            byResult.forEach((result, value) -> all.add(new Count(target, result, value.get()))));
    return all;
  }
}
