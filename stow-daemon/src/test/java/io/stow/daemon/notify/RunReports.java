package io.stow.daemon.notify;

import io.stow.daemon.fakes.Reports;
import io.stow.daemon.schedule.RunListener;
import io.stow.engine.ContainerOutcome;
import io.stow.engine.ReconcileMode;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.RollbackReport;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.PlannedAction;
import io.stow.engine.render.RedactedDescriptor;
import io.stow.model.parse.DescriptorParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reports and finished runs as the scheduler tells them, for notification tests. */
final class RunReports {

  static final String COMMIT = "c".repeat(40);
  static final String HASH = "1".repeat(64);
  static final String PREVIOUS = "2".repeat(64);
  static final String SECRET = "s3cr3t-SENTINEL-env-value";
  static final Instant START = Instant.parse("2026-05-01T10:00:00Z");
  static final Instant END = Instant.parse("2026-05-01T10:00:42Z");

  private RunReports() {}

  /** shop's descriptor, with an env value that must never reach a notification. */
  static RedactedDescriptor desired(String daemonBaseUrl) {
    String yaml =
        "deployment:\n  name: shop\n"
            + (daemonBaseUrl.isEmpty() ? "" : "  daemonBaseUrl: " + daemonBaseUrl + "\n")
            + "containers:\n  - name: web\n    image: registry.example.com/web:1@sha256:"
            + "a".repeat(64)
            + "\n    env:\n      API_KEY: "
            + SECRET
            + "\n";
    return RedactedDescriptor.of(
        DescriptorParser.parse("stow.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
  }

  static ReconcileReport report(
      ReconcileMode mode, ReconcileStatus status, boolean changed, Optional<String> failure) {
    Optional<Plan> plan =
        Optional.of(
            new Plan(
                "shop",
                HASH,
                List.of(
                    new PlannedAction(
                        "web",
                        changed ? ActionKind.REPLACE : ActionKind.NOOP,
                        changed ? PlannedAction.STALE_HASH : PlannedAction.UP_TO_DATE,
                        Optional.of("id"),
                        Optional.of(
                            io.stow.model.ImageRef.parse(
                                "registry.example.com/web:1@sha256:" + "a".repeat(64)))))));
    Optional<RollbackReport> rollback =
        status == ReconcileStatus.FAILED_ROLLED_BACK
                || status == ReconcileStatus.FAILED_ROLLBACK_FAILED
            ? Optional.of(
                new RollbackReport(
                    RollbackReport.Kind.RESTORE_PREVIOUS,
                    status == ReconcileStatus.FAILED_ROLLED_BACK,
                    Optional.of(PREVIOUS),
                    Optional.empty(),
                    List.of(),
                    Optional.empty(),
                    Map.of("web", List.of("log line with " + SECRET)),
                    status == ReconcileStatus.FAILED_ROLLED_BACK
                        ? Optional.empty()
                        : Optional.of("docker refused to start web")))
            : Optional.empty();
    return new ReconcileReport(
        mode,
        status,
        Optional.of("shop"),
        Optional.of(COMMIT),
        Optional.of(Reports.hashes(HASH)),
        Optional.of(PREVIOUS),
        Optional.of(desired("https://host-1.example.com:17403/")),
        plan,
        List.of(
            new ContainerOutcome(
                "web",
                changed ? ActionKind.REPLACE : ActionKind.NOOP,
                changed ? ContainerOutcome.Result.STARTED : ContainerOutcome.Result.UNCHANGED,
                Optional.empty())),
        Optional.empty(),
        rollback,
        Optional.empty(),
        START,
        END,
        Map.of(),
        failure,
        List.of());
  }

  static RunListener.Finished finished(
      RunListener.Kind kind, Optional<ReconcileReport> report, Optional<String> error) {
    return new RunListener.Finished(kind, report, error, START, END);
  }

  static RunListener.Finished reconcile(ReconcileStatus status, boolean changed) {
    Optional<String> failure =
        status.succeeded() ? Optional.empty() : Optional.of("verification failed: web exited (3)");
    return finished(
        RunListener.Kind.RECONCILE,
        Optional.of(report(ReconcileMode.RECONCILE, status, changed, failure)),
        failure);
  }
}
