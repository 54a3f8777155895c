package io.stow.daemon.status;

import io.stow.daemon.schedule.SchedulerState;
import java.util.Optional;

/**
 * The status words, as pure functions of the scheduler's state, the running deployment hash, the
 * requested commit and the hash it resolved to. {@link #label} computes the original tool's {@code
 * status_label} exactly (scripts compare it); {@link #state} the badge's word.
 */
public final class StatusLabels {

  private StatusLabels() {}

  /**
   * The original's {@code status_label}: {@code reconciling-requested-head}, {@code
   * queued-requested-head}, {@code at-requested-head[-busy]}, {@code different-head-idle|busy}; and
   * without a requested head {@code idle}, {@code reconciling-queued}, {@code reconciling}. When
   * the expected hash is unknown the requested commit itself is compared with the running hash, as
   * there.
   */
  public static String label(
      SchedulerState s,
      Optional<String> currentHash,
      Optional<String> requested,
      Optional<String> expectedHash) {
    if (requested.isEmpty()) {
      if (s.idle()) {
        return "idle";
      }
      return s.queued() ? "reconciling-queued" : "reconciling";
    }
    if (s.activeHeadHash().equals(requested)) {
      return "reconciling-requested-head";
    }
    if (s.queued() && s.queuedHeadHash().equals(requested)) {
      return "queued-requested-head";
    }
    Optional<String> desired = expectedHash.isPresent() ? expectedHash : requested;
    boolean at = currentHash.isPresent() && currentHash.equals(desired);
    if (at) {
      return s.idle() ? "at-requested-head" : "at-requested-head-busy";
    }
    return s.idle() ? "different-head-idle" : "different-head-busy";
  }

  /**
   * The badge's word. For a requested commit: reconciling or queued when it is the active or queued
   * trigger; unknown when its hash is unknown; running when the host runs that hash; error when it
   * does not and the last run failed; else different. Without one: what the host does.
   */
  public static BadgeState state(
      SchedulerState s,
      Optional<String> currentHash,
      Optional<String> requested,
      Optional<String> expectedHash) {
    if (requested.isEmpty()) {
      if (!s.idle()) {
        return BadgeState.RECONCILING;
      }
      if (s.lastFailed()) {
        return BadgeState.ERROR;
      }
      return currentHash.isPresent() ? BadgeState.RUNNING : BadgeState.UNKNOWN;
    }
    if (s.activeHeadHash().equals(requested)) {
      return BadgeState.RECONCILING;
    }
    if (s.queued() && s.queuedHeadHash().equals(requested)) {
      return BadgeState.QUEUED;
    }
    if (expectedHash.isEmpty()) {
      return BadgeState.UNKNOWN;
    }
    if (currentHash.isPresent() && currentHash.equals(expectedHash)) {
      return BadgeState.RUNNING;
    }
    return s.lastFailed() ? BadgeState.ERROR : BadgeState.DIFFERENT;
  }
}
