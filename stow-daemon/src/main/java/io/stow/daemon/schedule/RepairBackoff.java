package io.stow.daemon.schedule;

import java.time.Duration;

/**
 * How often polls retry a drift repair that keeps failing. A failing repair replaces containers and
 * rolls them back each time, an outage at every poll, for a cause (a full disk, a broken host port,
 * an image gone from the registry) that rarely passes within minutes. So after the k-th failure in
 * a row the next 2^(k-1) - 1 polls skip the repair: the next poll retries once, then one in two,
 * one in four, and so on up to one attempt an hour. A repair that succeeds or finds nothing to do,
 * and any reconcile that succeeds (a trigger, a new head), start over; a trigger always runs.
 */
final class RepairBackoff {

  /** The longest wait between two attempts, in polls of the configured interval. */
  static final Duration LONGEST = Duration.ofHours(1);

  private final int maxSkips;
  private int failures;
  private int skipsLeft;

  RepairBackoff(Duration pollInterval) {
    long pollsAnHour = LONGEST.toMillis() / Math.max(1, pollInterval.toMillis());
    this.maxSkips = (int) Math.max(0, Math.min(Integer.MAX_VALUE, pollsAnHour - 1));
  }

  /** Whether this poll repairs; a poll that does not uses up one of the polls to skip. */
  boolean attempt() {
    if (skipsLeft > 0) {
      skipsLeft--;
      return false;
    }
    return true;
  }

  /** Records a failed repair; the number of polls that now skip the repair. */
  int failed() {
    failures = Math.min(failures + 1, 31);
    skipsLeft = (int) Math.min((1L << (failures - 1)) - 1, maxSkips);
    return skipsLeft;
  }

  /** A repair or reconcile succeeded: the next poll repairs again whenever it needs to. */
  void reset() {
    failures = 0;
    skipsLeft = 0;
  }
}
