package io.stow.daemon.schedule;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the scheduler is doing and how its last run ended, as the status endpoint shows it. The
 * fields mean what they mean in the original tool's status: {@code activeHeadHash} is the head the
 * running reconcile was triggered for, {@code queuedHeadHash} the head of the follow-up waiting
 * behind it, {@code lastResult} is {@code ok} or {@code error}.
 *
 * @param ready whether start-up (the rollback of an interrupted apply) has finished
 */
public record SchedulerState(
    Phase phase,
    boolean queued,
    Optional<String> activeHeadHash,
    Optional<String> queuedHeadHash,
    Optional<String> lastResult,
    Optional<String> lastError,
    Optional<Instant> lastStartedAt,
    Optional<Instant> lastFinishedAt,
    boolean ready) {

  /** {@code ok}: the last run succeeded. */
  public static final String OK = "ok";

  /** {@code error}: the last run failed. */
  public static final String ERROR = "error";

  /** The original tool's phases. */
  public enum Phase {
    /** Nothing runs and nothing waits. */
    IDLE,
    /** A run was accepted and is about to begin. */
    STARTING,
    /** A run (reconcile, repair or recovery) is under way. */
    RECONCILING;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public SchedulerState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(activeHeadHash, "activeHeadHash");
    Objects.requireNonNull(queuedHeadHash, "queuedHeadHash");
    Objects.requireNonNull(lastResult, "lastResult");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(lastStartedAt, "lastStartedAt");
    Objects.requireNonNull(lastFinishedAt, "lastFinishedAt");
  }

  /** Before anything ran. */
  public static SchedulerState initial() {
    return new SchedulerState(
        Phase.IDLE,
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false);
  }

  public boolean idle() {
    return phase == Phase.IDLE;
  }

  public boolean lastFailed() {
    return lastResult.filter(ERROR::equals).isPresent();
  }

  SchedulerState withPhase(Phase value, Optional<String> activeHead) {
    return new SchedulerState(
        value,
        queued,
        activeHead,
        queuedHeadHash,
        lastResult,
        lastError,
        lastStartedAt,
        lastFinishedAt,
        ready);
  }

  SchedulerState withQueue(boolean value, Optional<String> head) {
    return new SchedulerState(
        phase,
        value,
        activeHeadHash,
        head,
        lastResult,
        lastError,
        lastStartedAt,
        lastFinishedAt,
        ready);
  }

  /** A run began: its start time, and no error yet (as the original clears it). */
  SchedulerState started(Instant at) {
    return new SchedulerState(
        phase,
        queued,
        activeHeadHash,
        queuedHeadHash,
        lastResult,
        Optional.empty(),
        Optional.of(at),
        lastFinishedAt,
        ready);
  }

  /** A run ended; {@code error} empty on success. */
  SchedulerState finished(Instant startedAt, Instant finishedAt, Optional<String> error) {
    return new SchedulerState(
        phase,
        queued,
        activeHeadHash,
        queuedHeadHash,
        Optional.of(error.isPresent() ? ERROR : OK),
        error,
        Optional.of(startedAt),
        Optional.of(finishedAt),
        ready);
  }

  SchedulerState markReady() {
    return new SchedulerState(
        phase,
        queued,
        activeHeadHash,
        queuedHeadHash,
        lastResult,
        lastError,
        lastStartedAt,
        lastFinishedAt,
        true);
  }
}
