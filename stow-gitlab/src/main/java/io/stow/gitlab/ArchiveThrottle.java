package io.stow.gitlab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps archive downloads within GitLab's limit (5 a minute per user on GitLab.com) by waiting for
 * a free slot in a sliding window, so a burst of downloads queues instead of failing with 429.
 */
final class ArchiveThrottle {

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Deque<Instant> recent = new ArrayDeque<>();

  ArchiveThrottle(int limit, Duration window, Clock clock, Sleeper sleeper) {
    if (limit < 1) {
      throw new IllegalArgumentException("archive limit must be at least 1: " + limit);
    }
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Waits until one more download fits in the window, then counts it. */
  synchronized void acquire() throws InterruptedException {
    while (true) {
      Instant now = clock.instant();
      while (!recent.isEmpty() && !recent.peekFirst().plus(window).isAfter(now)) {
        recent.removeFirst();
      }
      if (recent.size() < limit) {
        recent.addLast(now);
        return;
      }
      sleeper.sleep(Duration.between(now, recent.peekFirst().plus(window)));
    }
  }
}
