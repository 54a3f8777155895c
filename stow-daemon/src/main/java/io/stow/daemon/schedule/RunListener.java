package io.stow.daemon.schedule;

import io.stow.engine.ReconcileReport;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Hears about every run the scheduler makes, on its thread: when it starts and how it ended.
 * Notifications, commit statuses and metrics hang here. A listener must return quickly and must not
 * throw (what it throws is logged and ignored: a listener never fails a run).
 */
public interface RunListener {

  /** Hears nothing. */
  RunListener NONE = new RunListener() {};

  /** What a run was. */
  enum Kind {
    /** The rollback of an apply an earlier process left open. */
    RECOVERY,
    /** A reconcile of the tracked branch's head. */
    RECONCILE,
    /** A drift repair from the running snapshot. */
    REPAIR
  }

  /**
   * A run that ended.
   *
   * @param report everything the run reached; empty when it failed before the engine reported
   * @param error why it failed; empty on success
   */
  record Finished(
      Kind kind,
      Optional<ReconcileReport> report,
      Optional<String> error,
      Instant startedAt,
      Instant finishedAt) {

    public Finished {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(report, "report");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** The commit the run deployed or tried to (from its report), if known. */
    public Optional<String> revision() {
      return report.flatMap(ReconcileReport::revision);
    }
  }

  /** A reconcile of the branch head begins (the commit is known only once it has staged). */
  default void reconcileStarted(Instant at) {}

  /**
   * A run ended. Repairs that found nothing to do are not reported: a no-op poll leaves no trace.
   */
  default void finished(Finished run) {}
}
