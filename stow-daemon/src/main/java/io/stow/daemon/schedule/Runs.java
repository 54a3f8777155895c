package io.stow.daemon.schedule;

import io.stow.daemon.host.HostActions;
import io.stow.daemon.host.HostStatusCache;
import io.stow.daemon.host.RevisionResolver;
import io.stow.daemon.log.DaemonLog;
import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The bodies of the scheduler's runs, on its thread: the rollback of an interrupted apply, a
 * reconcile of the branch head, a drift repair, and the poll's choice between the last two. Each
 * logs one line when it begins and one when it ends, teaches the resolver the commit and hash a
 * reconcile learnt, and, when the run changed the host or failed, refreshes the host status before
 * the scheduler reports the end.
 */
final class Runs {

  /** How a run ended; {@code error} is empty on success. */
  record Outcome(Instant startedAt, Instant finishedAt, Optional<String> error) {}

  private final HostActions actions;
  private final HostStatusCache hosts;
  private final RevisionResolver resolver;
  private final Clock clock;
  private final DaemonLog log;
  private final RunListener listener;
  private final RepairBackoff repairBackoff;

  /** A head whose deployment failed and was rolled back: polls do not try it again. */
  private Optional<String> failedHead = Optional.empty();

  /** Why that head failed, for the status once a source error is over. */
  private Optional<String> failedHeadError = Optional.empty();

  /** Why the last poll could not read the branch head; empty when it could. */
  private Optional<String> sourceError = Optional.empty();

  /** Whether the status shows a source error that a readable head must clear. */
  private boolean sourceErrorShown;

  Runs(
      HostActions actions,
      HostStatusCache hosts,
      RevisionResolver resolver,
      Clock clock,
      DaemonLog log,
      RunListener listener,
      Duration pollInterval) {
    this.actions = actions;
    this.hosts = hosts;
    this.resolver = resolver;
    this.clock = clock;
    this.log = log;
    this.listener = listener;
    this.repairBackoff = new RepairBackoff(pollInterval);
  }

  /** Rolls back an interrupted apply; empty when there was none. */
  Optional<Outcome> recover() {
    Instant start = clock.instant();
    try {
      Optional<ReconcileReport> report = actions.recoverInterruptedApply();
      if (report.isEmpty()) {
        return Optional.empty();
      }
      log.warn("rolled back an apply that an earlier run left open, in " + millis(start) + " ms");
      tell(RunListener.Kind.RECOVERY, report, Optional.empty(), start);
      return Optional.of(new Outcome(start, clock.instant(), Optional.empty()));
    } catch (RuntimeException e) {
      String why = "the rollback of an interrupted apply failed: " + message(e);
      log.error(why);
      tell(RunListener.Kind.RECOVERY, partial(e), Optional.of(why), start);
      return Optional.of(new Outcome(start, clock.instant(), Optional.of(why)));
    } finally {
      hosts.refreshNow();
    }
  }

  /**
   * What a poll deploys: the branch head when it moved since the running deployment (and is not a
   * head whose deployment was just rolled back); empty when a drift repair will do.
   */
  Optional<String> headToDeploy() {
    String head;
    try {
      head = actions.branchHead();
      sourceError = Optional.empty();
    } catch (RuntimeException e) {
      sourceError = Optional.of("cannot read the branch head: " + message(e));
      log.warn("poll: " + sourceError.get() + "; repairing drift only");
      return Optional.empty();
    }
    // the revision changes only by a run, and every run that changes the host refreshes the reading
    Optional<String> running = hosts.current().status().revision();
    if (running.filter(head::equals).isPresent() || failedHead.filter(head::equals).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(head);
  }

  /** Reconciles to the branch head; {@code why} names the trigger for the log. */
  Outcome reconcile(String why, Instant start) {
    log.info("reconcile started (" + why + ")");
    safely(() -> listener.reconcileStarted(start));
    ReconcileReport report;
    Optional<String> error = Optional.empty();
    try {
      report = actions.reconcileHead();
    } catch (ReconcileException e) {
      report = e.report();
      error = Optional.of(message(e));
    } catch (RuntimeException e) {
      report = null;
      error = Optional.of(message(e));
    }
    if (report != null) {
      learn(report, error);
    }
    if (error.isEmpty()) {
      repairBackoff.reset();
    }
    sourceErrorShown = false;
    refreshUnlessUnchanged(Optional.ofNullable(report), error);
    Instant end = clock.instant();
    String summary =
        report == null
            ? ""
            : " "
                + report.status().label()
                + report.revision().map(r -> ", commit " + r).orElse("")
                + report.hashes().map(h -> ", hash " + h.deploymentHash()).orElse("")
                + report.plan().map(p -> ", plan " + p.summary()).orElse("")
                + slowest(report);
    if (error.isEmpty()) {
      log.info("reconcile finished:" + summary + " in " + millis(start) + " ms");
    } else {
      log.error("reconcile failed:" + summary + " in " + millis(start) + " ms: " + error.get());
    }
    tell(RunListener.Kind.RECONCILE, Optional.ofNullable(report), error, start);
    return new Outcome(start, end, error);
  }

  /**
   * Repairs drift after a poll. Empty when nothing had drifted and the poll read the branch head as
   * the one before did (such a poll leaves no trace in the status); a poll that could not read the
   * head ends as an error that says why, and the next one that can clears it.
   */
  Optional<Outcome> repair(Instant start) {
    Optional<Outcome> repaired = repairDrift(start);
    if (sourceError.isPresent()) {
      sourceErrorShown = true;
      Optional<String> why =
          Optional.of(
              sourceError.get() + repaired.flatMap(Outcome::error).map(e -> "; " + e).orElse(""));
      return Optional.of(new Outcome(start, clock.instant(), why));
    }
    if (sourceErrorShown && repaired.isEmpty()) {
      sourceErrorShown = false;
      log.info("poll: the branch head can be read again");
      return Optional.of(new Outcome(start, clock.instant(), failedHeadError));
    }
    sourceErrorShown = false;
    return repaired;
  }

  private Optional<Outcome> repairDrift(Instant start) {
    if (!repairBackoff.attempt()) {
      return Optional.empty(); // the status keeps the last repair's error
    }
    try {
      ReconcileReport report = actions.repair();
      repairBackoff.reset();
      if (!report.changedHost()) {
        safely(() -> listener.nothingDrifted(start));
        return Optional.empty();
      }
      hosts.refreshNow();
      log.info(
          "repaired drift"
              + report.plan().map(p -> " (" + p.summary() + ")").orElse("")
              + " in "
              + millis(start)
              + " ms");
      tell(RunListener.Kind.REPAIR, Optional.of(report), Optional.empty(), start);
      return Optional.of(new Outcome(start, clock.instant(), Optional.empty()));
    } catch (RuntimeException e) {
      String why = "drift repair failed: " + message(e);
      int skipped = repairBackoff.failed();
      log.error(
          why
              + (skipped == 0
                  ? ""
                  : "; the next "
                      + (skipped == 1 ? "poll skips" : skipped + " polls skip")
                      + " the repair (a trigger runs it now)"));
      hosts.refreshNow();
      tell(RunListener.Kind.REPAIR, partial(e), Optional.of(why), start);
      return Optional.of(new Outcome(start, clock.instant(), Optional.of(why)));
    }
  }

  /**
   * Reads the host again after a run, so the status shows what the run did; a run that succeeded
   * without changing anything leaves the reading as it was (it ages out as usual), so a no-op costs
   * no second look at every container.
   */
  private void refreshUnlessUnchanged(Optional<ReconcileReport> report, Optional<String> error) {
    if (error.isPresent() || report.isEmpty() || report.get().changedHost()) {
      hosts.refreshNow();
    }
  }

  private void tell(
      RunListener.Kind kind,
      Optional<ReconcileReport> report,
      Optional<String> error,
      Instant start) {
    RunListener.Finished run =
        new RunListener.Finished(kind, report, error, start, clock.instant());
    safely(() -> listener.finished(run));
  }

  /** Runs a listener call; what it throws is logged, never passed on to the run. */
  private void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("a run listener failed: " + message(e));
    }
  }

  private static Optional<ReconcileReport> partial(RuntimeException e) {
    return e instanceof ReconcileException r ? Optional.of(r.report()) : Optional.empty();
  }

  /** What a reconcile learnt: the hash of the commit it staged, and whether to retry it. */
  private void learn(ReconcileReport report, Optional<String> error) {
    if (report.revision().isPresent() && report.hashes().isPresent()) {
      resolver.remember(report.revision().get(), report.hashes().get().deploymentHash());
    }
    if (report.status() == ReconcileStatus.FAILED_ROLLED_BACK
        || report.status() == ReconcileStatus.FAILED_ROLLBACK_FAILED) {
      failedHead = report.revision();
      failedHeadError = error;
    } else if (report.status().succeeded()) {
      failedHead = Optional.empty();
      failedHeadError = Optional.empty();
    }
  }

  /** {@code ; slowest steps: verify 6012 ms, apply 310 ms} (at most three, of 100 ms or more). */
  private static String slowest(ReconcileReport report) {
    String steps =
        report.durations().entrySet().stream()
            .filter(e -> e.getValue().toMillis() >= 100)
            .sorted((a, b) -> b.getValue().compareTo(a.getValue()))
            .limit(3)
            .map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms")
            .collect(java.util.stream.Collectors.joining(", "));
    return steps.isEmpty() ? "" : "; slowest steps: " + steps;
  }

  private long millis(Instant start) {
    return Duration.between(start, clock.instant()).toMillis();
  }

  private static String message(RuntimeException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
