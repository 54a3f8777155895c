package io.stow.daemon.schedule;

import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import java.time.Instant;
import java.util.List;
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

  /**
   * Tells every listener of {@code listeners}, in order. One that throws does not keep the others
   * from hearing: the first exception is thrown at the end, with the later ones suppressed in it.
   */
  static RunListener all(List<RunListener> listeners) {
    List<RunListener> all = List.copyOf(listeners);
    return new RunListener() {
      @Override
      public void reconcileStarted(Instant at) {
        each(all, listener -> listener.reconcileStarted(at));
      }

      @Override
      public void finished(Finished run) {
        each(all, listener -> listener.finished(run));
      }

      @Override
      public void nothingDrifted(Instant at) {
        each(all, listener -> listener.nothingDrifted(at));
      }
    };
  }

  private static void each(
      List<RunListener> listeners, java.util.function.Consumer<RunListener> call) {
    RuntimeException first = null;
    for (RunListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** The result of a run that failed before the engine had anything to report. */
  String FAILED = "failed";

  /** What a run was. */
  enum Kind {
    /** The rollback of an apply an earlier process left open. */
    RECOVERY,
    /** A reconcile of the tracked branch's head. */
    RECONCILE,
    /** A drift repair from the running snapshot. */
    REPAIR;

    /** {@code recovery}, {@code reconcile} or {@code repair}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
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

    /**
     * How the run ended in one word: the report's status ({@code succeeded}, {@code
     * failed-rolled-back}, ...), or {@code failed} when it failed without a report (or with an
     * error beside a report that says it succeeded).
     */
    public String result() {
      Optional<ReconcileStatus> status = report.map(ReconcileReport::status);
      if (status.isEmpty()) {
        return error.isPresent() ? FAILED : ReconcileStatus.SUCCEEDED.label();
      }
      if (status.get().succeeded() && error.isPresent()) {
        return FAILED;
      }
      return status.get().label();
    }

    /** Whether {@link #result()} is {@code succeeded}. */
    public boolean succeeded() {
      return result().equals(ReconcileStatus.SUCCEEDED.label());
    }
  }

  /** A reconcile of the branch head begins (the commit is known only once it has staged). */
  default void reconcileStarted(Instant at) {}

  /**
   * A run ended. Repairs that found nothing to do are not reported: a no-op poll leaves no trace.
   */
  default void finished(Finished run) {}

  /**
   * A poll's drift repair found the host as the running snapshot describes it and changed nothing.
   * That is no run ({@link #finished} is not called), but it ends a streak of failed repairs.
   */
  default void nothingDrifted(Instant at) {}
}
