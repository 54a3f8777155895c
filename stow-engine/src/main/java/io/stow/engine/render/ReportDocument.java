package io.stow.engine.render;

import io.stow.engine.BuildReport;
import io.stow.engine.ContainerOutcome;
import io.stow.engine.ReconcileReport;
import io.stow.engine.RollbackReport;
import io.stow.engine.VerificationReport;
import io.stow.engine.VerificationSample;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole {@link ReconcileReport} as a document (for the daemon's status, reports and logs):
 * status, the plan (a {@link PlanDocument}), per-container outcomes, the verification timeline,
 * rollback, recovery, step durations in milliseconds and the images built from the folder. Never
 * contains a secret value.
 */
public record ReportDocument(
    String mode,
    String status,
    String failure,
    String startedAt,
    String finishedAt,
    long durationMs,
    PlanDocument plan,
    List<Outcome> containers,
    Verification verification,
    Rollback rollback,
    Rollback recovery,
    Map<String, Long> durationsMs,
    List<String> warnings,
    List<Build> builds) {

  /** An image built (or reused) from the folder, with the build's last lines. */
  public record Build(
      String container, String tag, boolean built, List<String> output, String error) {

    static List<Build> of(List<BuildReport> builds) {
      return builds.stream()
          .map(
              b -> new Build(b.container(), b.tag(), b.built(), b.output(), b.error().orElse(null)))
          .toList();
    }
  }

  /** What happened to one container; {@code error} only when it failed. */
  public record Outcome(String container, String action, String result, String error) {

    static List<Outcome> of(List<ContainerOutcome> outcomes) {
      return outcomes.stream()
          .map(
              o ->
                  new Outcome(
                      o.container(),
                      o.action().label(),
                      o.result().label(),
                      o.error().orElse(null)))
          .toList();
    }
  }

  /** A verification and its timeline. */
  public record Verification(
      String deploymentHash,
      boolean passed,
      long timeoutMs,
      long stableMs,
      long elapsedMs,
      List<Sample> timeline) {

    static Verification of(VerificationReport v) {
      return new Verification(
          v.deploymentHash(),
          v.passed(),
          v.timeout().toMillis(),
          v.stable().toMillis(),
          v.elapsed().toMillis(),
          v.timeline().stream().map(Sample::of).toList());
    }
  }

  /** One point of a verification timeline. */
  public record Sample(long elapsedMs, long stableForMs, List<String> problems) {

    static Sample of(VerificationSample s) {
      return new Sample(s.elapsed().toMillis(), s.stableFor().toMillis(), s.problems());
    }
  }

  /** What a rollback (or the recovery of an interrupted apply) did. */
  public record Rollback(
      String kind,
      boolean succeeded,
      String targetHash,
      String error,
      List<PlanDocument.Action> actions,
      List<Outcome> containers,
      Verification verification,
      Map<String, List<String>> containerLogs) {

    static Rollback of(RollbackReport r) {
      return new Rollback(
          r.kind().label(),
          r.succeeded(),
          r.targetHash().orElse(null),
          r.error().orElse(null),
          r.plan()
              .map(p -> p.actions().stream().map(PlanDocument.Action::of).toList())
              .orElse(List.of()),
          Outcome.of(r.containers()),
          r.verification().map(Verification::of).orElse(null),
          r.containerLogs());
    }
  }

  /** The document of a report. */
  public static ReportDocument of(ReconcileReport report) {
    Map<String, Long> durations = new LinkedHashMap<>();
    report.durations().forEach((step, took) -> durations.put(step, millis(took)));
    return new ReportDocument(
        report.mode().label(),
        report.status().label(),
        report.failure().orElse(null),
        report.startedAt().toString(),
        report.finishedAt().toString(),
        millis(report.duration()),
        PlanDocument.of(report),
        Outcome.of(report.containers()),
        report.verification().map(Verification::of).orElse(null),
        report.rollback().map(Rollback::of).orElse(null),
        report.recovery().map(Rollback::of).orElse(null),
        durations,
        report.warnings(),
        Build.of(report.builds()));
  }

  /** This document as pretty-printed JSON. */
  public String toJson() {
    return Json.write(this);
  }

  private static long millis(Duration d) {
    return d.toMillis();
  }
}
