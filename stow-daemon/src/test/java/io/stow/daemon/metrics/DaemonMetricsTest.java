package io.stow.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.daemon.fakes.Reports;
import io.stow.daemon.host.HostStatusCache;
import io.stow.daemon.host.RevisionResolver;
import io.stow.daemon.schedule.RunListener;
import io.stow.daemon.schedule.RunListener.Finished;
import io.stow.daemon.schedule.RunListener.Kind;
import io.stow.daemon.schedule.Scheduler.TriggerOutcome;
import io.stow.daemon.schedule.SchedulerState;
import io.stow.engine.HostStatus;
import io.stow.engine.ReconcileMode;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.RollbackReport;
import io.stow.engine.source.DesiredStateSource;
import io.stow.engine.source.TrackedSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DaemonMetricsTest {

  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

  final AtomicReference<SchedulerState> state = new AtomicReference<>(SchedulerState.initial());
  final Map<TriggerOutcome, Long> triggers = new EnumMap<>(TriggerOutcome.class);
  final AtomicReference<HostStatusCache.Reading> host =
      new AtomicReference<>(reading(List.of(), Optional.empty()));
  final AtomicReference<RevisionResolver.Stats> cache =
      new AtomicReference<>(new RevisionResolver.Stats(0, 0, 0, 0));
  final List<NotificationStats.Count> notifications = new ArrayList<>();
  final DaemonMetrics metrics =
      new DaemonMetrics(
          state::get, () -> triggers, host::get, cache::get, () -> List.copyOf(notifications));

  PrometheusText scrape() {
    return PrometheusText.parse(new String(metrics.scrape(), StandardCharsets.UTF_8));
  }

  static HostStatusCache.Reading reading(
      List<HostStatus.Container> containers, Optional<String> error) {
    return new HostStatusCache.Reading(
        new HostStatus(
            Optional.of("webapp"),
            Optional.of("f00d"),
            Optional.of("c0ffee"),
            Optional.of(Path.of("/state/.stow/snapshots/f00d")),
            false,
            containers),
        T0,
        error);
  }

  static HostStatus.Container container(
      String name, String state, boolean running, Optional<String> health, int restarts) {
    return new HostStatus.Container(
        name, state, running, health, restarts, Optional.of(T0), Optional.of("v1:f00d"));
  }

  static Finished run(Kind kind, ReconcileReport report, Optional<String> error, long seconds) {
    return new Finished(kind, Optional.of(report), error, T0, T0.plusSeconds(seconds));
  }

  static ReconcileReport withSteps(ReconcileReport r, Map<String, Duration> steps) {
    return new ReconcileReport(
        r.mode(),
        r.status(),
        r.deploymentName(),
        r.revision(),
        r.hashes(),
        r.runningHash(),
        r.desired(),
        r.plan(),
        r.containers(),
        r.verification(),
        r.rollback(),
        r.recovery(),
        r.startedAt(),
        r.finishedAt(),
        steps,
        r.failure(),
        r.warnings());
  }

  static ReconcileReport rolledBack(boolean rollbackSucceeded) {
    ReconcileReport r =
        Reports.report(
            ReconcileMode.RECONCILE,
            ReconcileStatus.FAILED_ROLLED_BACK,
            Optional.of("bad"),
            Optional.of("h2"),
            true);
    RollbackReport rollback =
        new RollbackReport(
            RollbackReport.Kind.RESTORE_PREVIOUS,
            rollbackSucceeded,
            Optional.of("h1"),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Map.of(),
            rollbackSucceeded ? Optional.empty() : Optional.of("no"));
    return new ReconcileReport(
        r.mode(),
        r.status(),
        r.deploymentName(),
        r.revision(),
        r.hashes(),
        r.runningHash(),
        r.desired(),
        r.plan(),
        r.containers(),
        r.verification(),
        Optional.of(rollback),
        r.recovery(),
        r.startedAt(),
        r.finishedAt(),
        Map.of("verify", Duration.ofSeconds(4), "rollback.apply", Duration.ofMillis(300)),
        r.failure(),
        r.warnings());
  }

  @Test
  void beforeAnyRun_everyFamilyParses_countersStartAtZero_andUnknownValuesAreAbsent() {
    PrometheusText text = scrape();

    assertThat(text.families())
        .containsOnlyKeys(
            "stow_reconciles_total",
            "stow_rollbacks_total",
            "stow_queued_triggers",
            "stow_run_in_progress",
            "stow_status_cache_hits_total",
            "stow_status_cache_misses_total",
            "stow_status_cache_throttled_total",
            "stow_archive_downloads_total",
            "stow_deployment_running",
            "stow_docker_up",
            "stow_host_status_timestamp_seconds",
            "stow_build_info");
    assertThat(text.family("stow_reconciles_total").type()).isEqualTo("counter");
    assertThat(text.family("stow_reconciles_total").samples())
        .hasSize(15)
        .allSatisfy(s -> assertThat(s.value()).isZero());
    assertThat(text.family("stow_rollbacks_total").samples())
        .hasSize(4)
        .allSatisfy(s -> assertThat(s.value()).isZero());
    assertThat(text.family("stow_build_info").samples()).hasSize(1);
  }

  @Test
  void afterRunsAndTriggers_everyFamilyIsThere_withStowNamesAndHelp() {
    triggers.put(TriggerOutcome.STARTED, 1L);
    notifications.add(new NotificationStats.Count("webhook", "sent", 1));
    host.set(
        reading(List.of(container("web", "running", true, Optional.empty(), 0)), Optional.empty()));
    metrics.runs().finished(run(Kind.RECONCILE, rolledBack(true), Optional.of("failed"), 5));
    metrics.runs().finished(run(Kind.RECONCILE, Reports.deployed("c1", "h1"), Optional.empty(), 5));

    PrometheusText text = scrape();

    assertThat(text.families())
        .containsOnlyKeys(
            "stow_reconciles_total",
            "stow_reconcile_duration_seconds",
            "stow_step_duration_seconds",
            "stow_rollbacks_total",
            "stow_last_success_timestamp_seconds",
            "stow_last_failure_timestamp_seconds",
            "stow_queued_triggers",
            "stow_run_in_progress",
            "stow_triggers_total",
            "stow_status_cache_hits_total",
            "stow_status_cache_misses_total",
            "stow_status_cache_throttled_total",
            "stow_archive_downloads_total",
            "stow_notifications_total",
            "stow_container_up",
            "stow_container_healthy",
            "stow_container_restarts",
            "stow_deployment_running",
            "stow_docker_up",
            "stow_host_status_timestamp_seconds",
            "stow_build_info");
    assertThat(text.families().values())
        .allSatisfy(
            f -> {
              assertThat(f.name()).startsWith("stow_");
              assertThat(f.help()).isNotBlank();
              if (f.type().equals("counter")) {
                assertThat(f.name()).endsWith("_total");
              }
            });
    assertThat(text.family("stow_reconcile_duration_seconds").type()).isEqualTo("histogram");
    assertThat(text.family("stow_step_duration_seconds").type()).isEqualTo("histogram");
  }

  @Test
  void runs_countByKindAndResult_observeDurations_rollbacks_andLastTimes() {
    RunListener runs = metrics.runs();

    runs.finished(
        run(
            Kind.RECONCILE,
            withSteps(
                Reports.deployed("c1", "h1"),
                new LinkedHashMap<>(
                    Map.of("stage", Duration.ofMillis(120), "verify", Duration.ofSeconds(6)))),
            Optional.empty(),
            7));
    runs.finished(run(Kind.RECONCILE, rolledBack(true), Optional.of("verification failed"), 12));
    runs.finished(run(Kind.REPAIR, rolledBack(false), Optional.of("rollback failed"), 3));
    runs.finished(new Finished(Kind.RECONCILE, Optional.empty(), Optional.of("no GitLab"), T0, T0));

    PrometheusText text = scrape();
    assertThat(reconciles(text, "reconcile", "succeeded")).isEqualTo(1);
    assertThat(reconciles(text, "reconcile", "failed-rolled-back")).isEqualTo(1);
    assertThat(reconciles(text, "repair", "failed-rolled-back")).isEqualTo(1);
    assertThat(reconciles(text, "reconcile", "failed")).isEqualTo(1);
    assertThat(reconciles(text, "recovery", "succeeded")).isZero();
    assertThat(
            text.value(
                "stow_reconcile_duration_seconds",
                "stow_reconcile_duration_seconds_count",
                Map.of("kind", "reconcile")))
        .isEqualTo(3);
    assertThat(
            text.value(
                "stow_reconcile_duration_seconds",
                "stow_reconcile_duration_seconds_sum",
                Map.of("kind", "reconcile")))
        .isEqualTo(19);
    assertThat(
            text.value(
                "stow_reconcile_duration_seconds",
                "stow_reconcile_duration_seconds_bucket",
                Map.of("kind", "reconcile", "le", "10.0")))
        .as("7 s falls in le=10, 12 s and 0 s: one above, one below")
        .isEqualTo(2);
    assertThat(
            text.value(
                "stow_step_duration_seconds",
                "stow_step_duration_seconds_count",
                Map.of("step", "verify")))
        .isEqualTo(3);
    assertThat(
            text.value(
                "stow_step_duration_seconds",
                "stow_step_duration_seconds_sum",
                Map.of("step", "stage")))
        .isEqualTo(0.12);
    assertThat(
            text.value(
                "stow_step_duration_seconds",
                "stow_step_duration_seconds_count",
                Map.of("step", "rollback.apply")))
        .isEqualTo(2);
    assertThat(
            text.value(
                "stow_rollbacks_total",
                "stow_rollbacks_total",
                Map.of("cause", "failed-deployment", "result", "succeeded")))
        .isEqualTo(1);
    assertThat(
            text.value(
                "stow_rollbacks_total",
                "stow_rollbacks_total",
                Map.of("cause", "failed-deployment", "result", "failed")))
        .isEqualTo(1);
    assertThat(
            text.value(
                "stow_last_success_timestamp_seconds",
                "stow_last_success_timestamp_seconds",
                Map.of()))
        .isEqualTo(T0.getEpochSecond() + 7);
    assertThat(
            text.value(
                "stow_last_failure_timestamp_seconds",
                "stow_last_failure_timestamp_seconds",
                Map.of()))
        .isEqualTo(T0.getEpochSecond());
  }

  @Test
  void containers_areReadFromTheCachedHostStatus_withLabelValuesEscaped() {
    host.set(
        reading(
            List.of(
                container("web", "running", true, Optional.of("healthy"), 0),
                container("db", "running", true, Optional.of("unhealthy"), 2),
                container("worker", "restarting", true, Optional.empty(), 7),
                container("q\"uo\\te\n<script>", "exited", false, Optional.empty(), 0)),
            Optional.of("cannot read the host status: Docker does not answer")));

    PrometheusText text = scrape();

    assertThat(gauge(text, "stow_container_up", "web")).isEqualTo(1);
    assertThat(gauge(text, "stow_container_up", "q\"uo\\te\n<script>")).isZero();
    assertThat(gauge(text, "stow_container_healthy", "web")).isEqualTo(1);
    assertThat(gauge(text, "stow_container_healthy", "db")).isZero();
    assertThat(gauge(text, "stow_container_healthy", "worker")).isZero();
    assertThat(gauge(text, "stow_container_restarts", "worker")).isEqualTo(7);
    assertThat(text.family("stow_container_up").samples()).hasSize(4);
    assertThat(
            text.value(
                "stow_deployment_running",
                "stow_deployment_running",
                Map.of("deployment", "webapp", "commit", "c0ffee", "deployment_hash", "f00d")))
        .isEqualTo(1);
    assertThat(text.value("stow_docker_up", "stow_docker_up", Map.of())).isZero();
    assertThat(
            text.value(
                "stow_host_status_timestamp_seconds",
                "stow_host_status_timestamp_seconds",
                Map.of()))
        .isEqualTo(T0.getEpochSecond());

    host.set(reading(List.of(), Optional.empty()));
    PrometheusText later = scrape();
    assertThat(later.families())
        .as("gone with the containers")
        .doesNotContainKey("stow_container_up");
    assertThat(later.value("stow_docker_up", "stow_docker_up", Map.of())).isEqualTo(1);
  }

  @Test
  void schedulerResolverAndNotifierCounts_areReadAtScrapeTime() {
    triggers.put(TriggerOutcome.STARTED, 3L);
    triggers.put(TriggerOutcome.QUEUED, 5L);
    triggers.put(TriggerOutcome.REFUSED, 0L);
    cache.set(new RevisionResolver.Stats(10, 4, 2, 7));
    notifications.add(new NotificationStats.Count("slack", "sent", 2));
    notifications.add(new NotificationStats.Count("slack", "failed", 1));

    PrometheusText text = scrape();

    assertThat(
            text.value("stow_triggers_total", "stow_triggers_total", Map.of("outcome", "queued")))
        .isEqualTo(5);
    assertThat(text.value("stow_queued_triggers", "stow_queued_triggers", Map.of())).isZero();
    assertThat(text.value("stow_run_in_progress", "stow_run_in_progress", Map.of())).isZero();
    assertThat(text.value("stow_status_cache_hits_total", "stow_status_cache_hits_total", Map.of()))
        .as("hits and shared resolutions")
        .isEqualTo(12);
    assertThat(
            text.value(
                "stow_status_cache_misses_total", "stow_status_cache_misses_total", Map.of()))
        .isEqualTo(4);
    assertThat(
            text.value(
                "stow_status_cache_throttled_total", "stow_status_cache_throttled_total", Map.of()))
        .isEqualTo(7);
    assertThat(
            text.value(
                "stow_notifications_total",
                "stow_notifications_total",
                Map.of("target", "slack", "result", "failed")))
        .isEqualTo(1);
  }

  @Test
  void downloadsThroughTheCountingSource_countByPurposeAndResult() throws IOException {
    FakeSource source = new FakeSource();
    TrackedSource counted = metrics.counting(source);

    counted.materialise("c1", Path.of("/nowhere"));
    counted.atCommit("c2").materialise("c2", Path.of("/nowhere"));
    source.fail = true;
    assertThatThrownBy(() -> counted.atCommit("c3").materialise("c3", Path.of("/nowhere")))
        .isInstanceOf(IOException.class);

    PrometheusText text = scrape();
    assertThat(downloads(text, "reconcile", "ok")).isEqualTo(1);
    assertThat(downloads(text, "status", "ok")).isEqualTo(1);
    assertThat(downloads(text, "status", "error")).isEqualTo(1);
    assertThat(downloads(text, "reconcile", "error")).isZero();
    assertThat(counted.head()).isEqualTo("head");
    assertThat(counted.atCommit("c4").folderName()).isEqualTo("host-1");
    assertThat(source.materialised).containsExactly("c1", "c2", "c3");
  }

  @Test
  void theTextFormat_isWhatPrometheusReads() {
    metrics.runs().finished(run(Kind.RECONCILE, Reports.deployed("c1", "h1"), Optional.empty(), 1));
    String text = new String(metrics.scrape(), StandardCharsets.UTF_8);

    assertThat(DaemonMetrics.CONTENT_TYPE).startsWith("text/plain; version=0.0.4");
    assertThat(text)
        .contains("# TYPE stow_reconciles_total counter\n")
        .contains("stow_reconciles_total{kind=\"reconcile\",result=\"succeeded\"} 1.0\n")
        .contains("stow_reconcile_duration_seconds_bucket{kind=\"reconcile\",le=\"+Inf\"} 1\n");
    assertThatThrownBy(() -> PrometheusText.parse("stow_x 1\n"))
        .as("the parser is strict: no TYPE")
        .hasMessageContaining("no TYPE");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE stow_x gauge\nstow_x{a=\"1} 1\n"))
        .hasMessageContaining("line 2");
  }

  static double reconciles(PrometheusText text, String kind, String result) {
    return text.value(
        "stow_reconciles_total", "stow_reconciles_total", Map.of("kind", kind, "result", result));
  }

  static double downloads(PrometheusText text, String purpose, String result) {
    return text.value(
        "stow_archive_downloads_total",
        "stow_archive_downloads_total",
        Map.of("purpose", purpose, "result", result));
  }

  static double gauge(PrometheusText text, String name, String container) {
    return text.family(name)
        .value(name, Map.of("container", container))
        .orElseThrow(() -> new AssertionError("no " + name + " for " + container));
  }

  /** A source that records what it was asked to download and can fail. */
  static final class FakeSource implements TrackedSource {
    final List<String> materialised = new ArrayList<>();
    boolean fail;

    @Override
    public String trackedBranch() {
      return "main";
    }

    @Override
    public String head() {
      return "head";
    }

    @Override
    public DesiredStateSource atCommit(String sha) {
      return this;
    }

    @Override
    public String resolveRevision() {
      return "head";
    }

    @Override
    public void materialise(String revision, Path staging) throws IOException {
      materialised.add(revision);
      if (fail) {
        throw new IOException("the archive answered 500");
      }
    }

    @Override
    public String describe() {
      return "fake";
    }

    @Override
    public String folderName() {
      return "host-1";
    }
  }
}
