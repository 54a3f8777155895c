package io.stow.daemon.host;

import io.stow.daemon.log.DaemonLog;
import io.stow.engine.HostStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What runs on the host, read at most once per {@code maxAge} however many requests ask. Readers
 * never wait for Docker: they get the last reading, and an older one starts one refresh in the
 * background. Only the very first reading and {@link #refreshNow()} (after each run of the
 * scheduler) read on the calling thread. When Docker cannot be asked, the last good reading stays,
 * with the error beside it; the log says when that starts and ends, not on every failed attempt.
 */
public final class HostStatusCache {

  /** One reading: what ran, when it was read, and why the latest attempt failed, if it did. */
  public record Reading(HostStatus status, Instant readAt, Optional<String> error) {
    public Reading {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(readAt, "readAt");
      Objects.requireNonNull(error, "error");
    }
  }

  private static final HostStatus NOTHING =
      new HostStatus(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, List.of());

  private final Supplier<HostStatus> reader;
  private final Clock clock;
  private final Duration maxAge;
  private final Executor refresher;
  private final DaemonLog log;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Reading current;

  public HostStatusCache(
      Supplier<HostStatus> reader,
      Clock clock,
      Duration maxAge,
      Executor refresher,
      DaemonLog log) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.refresher = Objects.requireNonNull(refresher, "refresher");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** The latest reading; starts a background refresh when it is older than {@code maxAge}. */
  public Reading current() {
    Reading reading = current;
    if (reading == null) {
      return refreshNow();
    }
    if (!clock.instant().isBefore(reading.readAt().plus(maxAge))
        && refreshing.compareAndSet(false, true)) {
      try {
        refresher.execute(
            () -> {
              try {
                refreshNow();
              } finally {
                refreshing.set(false);
              }
            });
      } catch (RejectedExecutionException e) {
        refreshing.set(false); // shutting down: the old reading will do
      }
    }
    return reading;
  }

  /** Reads the host now, on this thread, and makes that the current reading. */
  public synchronized Reading refreshNow() {
    Reading previous = current;
    Reading next;
    try {
      next = new Reading(reader.get(), clock.instant(), Optional.empty());
      if (previous != null && previous.error().isPresent()) {
        log.info("the host status can be read again");
      }
    } catch (RuntimeException e) {
      String why = "cannot read the host status: " + e.getMessage();
      if (previous == null || previous.error().isEmpty()) {
        log.warn(why + "; status answers show the last reading until it works again");
      }
      next =
          new Reading(
              previous == null ? NOTHING : previous.status(), clock.instant(), Optional.of(why));
    }
    current = next;
    return next;
  }
}
