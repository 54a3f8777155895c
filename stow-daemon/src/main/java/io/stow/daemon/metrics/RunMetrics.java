package io.stow.daemon.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.stow.daemon.schedule.RunListener;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.RollbackReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The metrics of runs, fed by the scheduler's {@link RunListener} on its thread: how each run
 * ended, how long it and each of its steps took, its rollbacks, and when the last run succeeded or
 * failed.
 */
final class RunMetrics implements RunListener {

  private final Counter reconciles;
  private final Histogram reconcileSeconds;
  private final Histogram stepSeconds;
  private final Counter rollbacks;
  private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
  private final AtomicReference<Instant> lastFailure = new AtomicReference<>();

  RunMetrics(PrometheusRegistry registry) {
    reconciles =
        Counter.builder()
            .name("stow_reconciles_total")
            .help(
                "Runs by kind (reconcile, repair, recovery) and result (the report's status, or"
                    + " 'failed' when the run ended before the engine reported)")
            .labelNames("kind", "result")
            .register(registry);
    for (Kind kind : Kind.values()) {
      for (ReconcileStatus status : ReconcileStatus.values()) {
        reconciles.labelValues(label(kind), status.label());
      }
      reconciles.labelValues(label(kind), RunListener.FAILED);
    }
    reconcileSeconds =
        Histogram.builder()
            .name("stow_reconcile_duration_seconds")
            .help("How long runs took, by kind, whatever their result")
            .labelNames("kind")
            .classicOnly()
            .classicUpperBounds(0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600)
            .withoutExemplars()
            .register(registry);
    stepSeconds =
        Histogram.builder()
            .name("stow_step_duration_seconds")
            .help("How long each step of a run took (rollback steps as rollback.<step>)")
            .labelNames("step")
            .classicOnly()
            .classicUpperBounds(
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)
            .withoutExemplars()
            .register(registry);
    rollbacks =
        Counter.builder()
            .name("stow_rollbacks_total")
            .help(
                "Automatic rollbacks by cause (failed-deployment, interrupted-apply) and result"
                    + " (succeeded, failed)")
            .labelNames("cause", "result")
            .register(registry);
    for (String cause : new String[] {"failed-deployment", "interrupted-apply"}) {
      rollbacks.labelValues(cause, "succeeded");
      rollbacks.labelValues(cause, "failed");
    }
    GaugeWithCallback.builder()
        .name("stow_last_success_timestamp_seconds")
        .help("When the last run that succeeded ended (Unix time); absent until one has")
        .callback(cb -> seconds(lastSuccess.get()).ifPresent(cb::call))
        .register(registry);
    GaugeWithCallback.builder()
        .name("stow_last_failure_timestamp_seconds")
        .help("When the last run that failed ended (Unix time); absent until one has")
        .callback(cb -> seconds(lastFailure.get()).ifPresent(cb::call))
        .register(registry);
  }

  @Override
  public void finished(Finished run) {
    String result = run.result();
    reconciles.labelValues(label(run.kind()), result).inc();
    reconcileSeconds
        .labelValues(label(run.kind()))
        .observe(seconds(Duration.between(run.startedAt(), run.finishedAt())));
    run.report()
        .ifPresent(
            report -> {
              report
                  .durations()
                  .forEach((step, took) -> stepSeconds.labelValues(step).observe(seconds(took)));
              report.rollback().ifPresent(r -> rollback("failed-deployment", r));
              report.recovery().ifPresent(r -> rollback("interrupted-apply", r));
            });
    (run.succeeded() ? lastSuccess : lastFailure).set(run.finishedAt());
  }

  private void rollback(String cause, RollbackReport report) {
    rollbacks.labelValues(cause, report.succeeded() ? "succeeded" : "failed").inc();
  }

  private static String label(Kind kind) {
    return kind.label();
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private static Optional<Double> seconds(Instant at) {
    return Optional.ofNullable(at).map(i -> i.getEpochSecond() + i.getNano() / 1e9);
  }
}
