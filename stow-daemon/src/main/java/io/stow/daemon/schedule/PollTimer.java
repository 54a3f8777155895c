package io.stow.daemon.schedule;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Calls a task at a fixed interval. Injected, so tests fire ticks by hand instead of waiting. */
public interface PollTimer {

  /** Calls {@code tick} every {@code interval}, the first time one interval from now. */
  Cancellable every(Duration interval, Runnable tick);

  /** Stops a repetition. */
  interface Cancellable {
    void cancel();
  }

  /** A timer on a scheduled executor (one thread is enough: a tick only queues a poll). */
  static PollTimer on(ScheduledExecutorService executor) {
    return (interval, tick) -> {
      long millis = interval.toMillis();
      ScheduledFuture<?> future =
          executor.scheduleWithFixedDelay(tick, millis, millis, TimeUnit.MILLISECONDS);
      return () -> future.cancel(false);
    };
  }
}
