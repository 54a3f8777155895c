package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.metrics.PrometheusText;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.InProcessDaemon;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of a daemon that reconciles the real Docker engine from the fake GitLab,
 * read with a strict parser of the Prometheus text format: its counters move as reconciles succeed
 * and fail, and its gauges follow the deployment's containers.
 */
class MetricsIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  static final String TOKEN = "glpat-SENTINEL-metrics-3d9e";
  static final Duration CONVERGE = Duration.ofSeconds(120);

  final ImageRef image1 = TestImages.get().first();
  final ImageRef image2 = TestImages.get().second();
  final FakeGitLab gitlab = FakeGitLab.start();
  final FakeProject project;
  InProcessDaemon daemon;

  @TempDir Path temp;

  MetricsIT() {
    gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", false);
    project = gitlab.createProject("ops/deployments").member("host-bot");
  }

  @AfterEach
  void stop() {
    try {
      if (daemon != null) {
        daemon.close();
        assertThat(daemon.log()).doesNotContain("SENTINEL");
      }
    } finally {
      gitlab.close();
    }
  }

  @Test
  void counters_moveAsReconcilesSucceedAndFail_andGaugesFollowTheContainers() {
    String deployment = docker.name("metrics");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit(
            "main",
            "v1",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .verify("30s", "1s")
                    .container(StowYaml.Container.of(web, image1).command("sleep", "3600"))
                    .render()));
    String side =
        project.commit(
            "side",
            "side",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .container(StowYaml.Container.of(web, image2).command("sleep", "3600"))
                    .render()));
    Path config =
        DaemonConfigDir.at(
                temp.resolve("etc"),
                gitlab,
                "ops/deployments",
                TOKEN,
                "host-1",
                temp.resolve("state"))
            .write();
    daemon = InProcessDaemon.start(config, docker);
    DaemonClient client = daemon.client();
    client.awaitIdle(CONVERGE);
    String hash1 = client.status(v1).path("current_hash").asText();

    // the start-up poll deployed v1
    PrometheusText first = scrape(client);
    assertThat(reconciles(first, "succeeded")).isEqualTo(1);
    assertThat(reconciles(first, "failed-rolled-back")).isZero();
    assertThat(downloads(first, "reconcile", "ok")).isEqualTo(1);
    assertThat(gauge(first, "stow_container_up", Map.of("container", web))).isEqualTo(1);
    assertThat(gauge(first, "stow_container_healthy", Map.of("container", web))).isEqualTo(1);
    assertThat(gauge(first, "stow_container_restarts", Map.of("container", web))).isZero();
    assertThat(
            gauge(
                first,
                "stow_deployment_running",
                Map.of("deployment", deployment, "commit", v1, "deployment_hash", hash1)))
        .isEqualTo(1);
    assertThat(gauge(first, "stow_docker_up", Map.of())).isEqualTo(1);
    assertThat(gauge(first, "stow_last_success_timestamp_seconds", Map.of())).isGreaterThan(1.7e9);
    assertThat(first.families()).doesNotContainKey("stow_last_failure_timestamp_seconds");
    assertThat(
            first.value(
                "stow_step_duration_seconds",
                "stow_step_duration_seconds_count",
                Map.of("step", "verify")))
        .isEqualTo(1);

    // a status request for another commit misses the cache and downloads it; a second one hits
    assertThat(client.status(side).path("state").asText()).isEqualTo("different");
    assertThat(client.status(side).path("state").asText()).isEqualTo("different");
    PrometheusText second = scrape(client);
    assertThat(counter(second, "stow_status_cache_misses_total")).isEqualTo(1);
    assertThat(counter(second, "stow_status_cache_hits_total")).isGreaterThanOrEqualTo(1);
    assertThat(downloads(second, "status", "ok")).isEqualTo(1);

    // v2 fails verification and is rolled back
    String v2 =
        project.commit(
            "main",
            "v2",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .verify("4s", "2s")
                    .container(
                        StowYaml.Container.of(web, image2).shell("exit 3").restartPolicy("no"))
                    .render()));
    assertThat(client.trigger(v2).statusCode()).isEqualTo(202);
    client.awaitStatus(
        v2,
        "error",
        CONVERGE,
        s -> s.path("phase").asText().equals("idle") && s.path("state").asText().equals("error"));

    PrometheusText third = scrape(client);
    assertThat(reconciles(third, "succeeded")).isEqualTo(1);
    assertThat(reconciles(third, "failed-rolled-back")).isEqualTo(1);
    assertThat(
            third.value(
                "stow_rollbacks_total",
                "stow_rollbacks_total",
                Map.of("cause", "failed-deployment", "result", "succeeded")))
        .isEqualTo(1);
    assertThat(
            third.value("stow_triggers_total", "stow_triggers_total", Map.of("outcome", "started")))
        .isEqualTo(1);
    assertThat(downloads(third, "reconcile", "ok")).isEqualTo(2);
    assertThat(
            third.value(
                "stow_reconcile_duration_seconds",
                "stow_reconcile_duration_seconds_count",
                Map.of("kind", "reconcile")))
        .isEqualTo(2);
    assertThat(
            third.value(
                "stow_step_duration_seconds",
                "stow_step_duration_seconds_count",
                Map.of("step", "rollback.verify")))
        .isEqualTo(1);
    assertThat(gauge(third, "stow_last_failure_timestamp_seconds", Map.of()))
        .isGreaterThanOrEqualTo(gauge(third, "stow_last_success_timestamp_seconds", Map.of()));
    assertThat(gauge(third, "stow_container_up", Map.of("container", web)))
        .as("v1's container, restored")
        .isEqualTo(1);
    assertThat(
            gauge(
                third,
                "stow_deployment_running",
                Map.of("deployment", deployment, "commit", v1, "deployment_hash", hash1)))
        .isEqualTo(1);
    assertThat(gauge(third, "stow_queued_triggers", Map.of())).isZero();
    assertThat(gauge(third, "stow_run_in_progress", Map.of())).isZero();
  }

  static PrometheusText scrape(DaemonClient client) {
    HttpResponse<String> response = client.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
    return PrometheusText.parse(response.body());
  }

  static double reconciles(PrometheusText text, String result) {
    return text.value(
        "stow_reconciles_total",
        "stow_reconciles_total",
        Map.of("kind", "reconcile", "result", result));
  }

  static double downloads(PrometheusText text, String purpose, String result) {
    return text.value(
        "stow_archive_downloads_total",
        "stow_archive_downloads_total",
        Map.of("purpose", purpose, "result", result));
  }

  static double counter(PrometheusText text, String name) {
    return text.value(name, name, Map.of());
  }

  static double gauge(PrometheusText text, String name, Map<String, String> labels) {
    return text.family(name)
        .value(name, labels)
        .orElseThrow(() -> new AssertionError("no " + name + labels + " in " + text.family(name)));
  }
}
