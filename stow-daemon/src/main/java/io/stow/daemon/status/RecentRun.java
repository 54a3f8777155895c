package io.stow.daemon.status;

import io.stow.daemon.schedule.RunListener;
import io.stow.engine.ReconcileReport;
import io.stow.engine.RollbackReport;
import io.stow.engine.plan.Plan;
import io.stow.engine.render.ReportDocument;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One run as the dashboard shows it: what it was, how it ended, and its report as a document (which
 * never holds a secret value).
 *
 * @param result the run's result word ({@link RunListener.Finished#result()})
 * @param revision the commit it deployed or tried to
 * @param deploymentHash the deployment hash it deployed or tried to
 * @param left the deployment hash the run left running when it changed what runs (the new one, or
 *     the one a rollback restored); empty when it changed nothing or left nothing running
 * @param planSummary the plan's {@link Plan#summary()}; empty when the run planned nothing
 * @param report the report; empty when the run failed before the engine reported
 */
public record RecentRun(
    RunListener.Kind kind,
    String result,
    Instant startedAt,
    Instant finishedAt,
    Optional<String> error,
    Optional<String> revision,
    Optional<String> deploymentHash,
    Optional<String> left,
    Optional<String> planSummary,
    Optional<ReportDocument> report) {

  public RecentRun {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(deploymentHash, "deploymentHash");
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(planSummary, "planSummary");
    Objects.requireNonNull(report, "report");
  }

  /** The run as the scheduler reported it. */
  public static RecentRun of(RunListener.Finished run) {
    Optional<ReconcileReport> report = run.report();
    return new RecentRun(
        run.kind(),
        run.result(),
        run.startedAt(),
        run.finishedAt(),
        run.error(),
        run.revision(),
        report.flatMap(r -> r.hashes().map(h -> h.deploymentHash())),
        report.flatMap(r -> left(run, r)),
        report.flatMap(ReconcileReport::plan).map(Plan::summary),
        report.map(ReportDocument::of));
  }

  public boolean succeeded() {
    return result.equals(io.stow.engine.ReconcileStatus.SUCCEEDED.label());
  }

  private static Optional<String> left(RunListener.Finished run, ReconcileReport report) {
    Optional<String> rolledBackTo = restored(report.rollback());
    if (rolledBackTo.isPresent()) {
      return rolledBackTo;
    }
    if (run.succeeded() && report.plan().map(p -> !p.isNoop()).orElse(false)) {
      return report.plan().map(p -> p.deploymentHash());
    }
    return restored(report.recovery());
  }

  private static Optional<String> restored(Optional<RollbackReport> rollback) {
    return rollback.filter(RollbackReport::succeeded).flatMap(RollbackReport::targetHash);
  }
}
