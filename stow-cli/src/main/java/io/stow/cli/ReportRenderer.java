package io.stow.cli;

import io.stow.engine.ContainerOutcome;
import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.RollbackReport;
import io.stow.engine.VerificationReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The closing summary of a reconcile, for a person reading a terminal or a log. */
final class ReportRenderer {

  private final PrintStream err;

  ReportRenderer(PrintStream err) {
    this.err = err;
  }

  void success(ReconcileReport report) {
    err.println(
        headline(report) + ": " + report.status().label() + " in " + seconds(report.duration()));
    outcomes(report.containers());
    report.verification().ifPresent(this::verification);
    report.warnings().forEach(w -> err.println("warning: " + w));
  }

  void failure(ReconcileException e) {
    ReconcileReport report = e.report();
    boolean loud = report.status() == ReconcileStatus.FAILED_ROLLBACK_FAILED;
    err.println();
    err.println(
        headline(report)
            + ": "
            + (loud ? "FAILED AND THE ROLLBACK FAILED - the host needs an operator" : "failed")
            + " ("
            + report.status().label()
            + ") after "
            + seconds(report.duration()));
    err.println("error: " + e.getMessage());
    outcomes(report.containers());
    report.verification().ifPresent(this::verification);
    report.rollback().ifPresent(this::rollback);
    report.warnings().forEach(w -> err.println("warning: " + w));
  }

  private static String headline(ReconcileReport report) {
    StringBuilder line = new StringBuilder("stow: deployment ");
    line.append(report.deploymentName().orElse("?"));
    report.revision().ifPresent(r -> line.append(" @ ").append(r));
    report
        .hashes()
        .ifPresent(h -> line.append(" (v1:").append(h.deploymentHash(), 0, 12).append(')'));
    if (report.mode() == io.stow.engine.ReconcileMode.DRY_RUN) {
      line.append(" [dry run]");
    }
    return line.toString();
  }

  private void outcomes(List<ContainerOutcome> outcomes) {
    for (ContainerOutcome outcome : outcomes) {
      err.println(
          "  "
              + outcome.container()
              + ": "
              + outcome.result().label()
              + outcome.error().map(e -> " - " + e).orElse(""));
    }
  }

  private void verification(VerificationReport verification) {
    if (verification.passed()) {
      err.println(
          "  verified: stable for "
              + seconds(verification.stable())
              + " after "
              + seconds(verification.elapsed()));
    } else {
      err.println("  verification failed after " + seconds(verification.elapsed()) + ":");
      verification.lastProblems().forEach(p -> err.println("    " + p));
    }
  }

  private void rollback(RollbackReport rollback) {
    err.println(
        "  rollback ("
            + rollback.kind().label()
            + rollback.targetHash().map(h -> " to v1:" + h.substring(0, 12)).orElse("")
            + "): "
            + (rollback.succeeded() ? "succeeded" : "FAILED")
            + rollback.error().map(e -> " - " + e).orElse(""));
    rollback.verification().ifPresent(this::verification);
    for (Map.Entry<String, List<String>> logs : rollback.containerLogs().entrySet()) {
      err.println("  last log lines of " + logs.getKey() + ":");
      logs.getValue().forEach(line -> err.println("    | " + line));
    }
  }

  private static String seconds(Duration duration) {
    return String.format("%.1fs", duration.toMillis() / 1000.0);
  }
}
