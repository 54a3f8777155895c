package io.stow.daemon.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.stow.daemon.host.HostStatusCache;
import io.stow.engine.HostStatus;
import java.util.function.Supplier;

/**
 * What runs on the host, from the daemon's cached host status: a scrape never asks Docker (an old
 * reading starts one refresh in the background, as for the status endpoint).
 */
final class HostMetrics {

  private HostMetrics() {}

  static void register(PrometheusRegistry registry, Supplier<HostStatusCache.Reading> host) {
    GaugeWithCallback.builder()
        .name("stow_container_up")
        .help("1 when the deployment's container runs, else 0")
        .labelNames("container")
        .callback(
            cb -> {
              for (HostStatus.Container c : host.get().status().containers()) {
                cb.call(c.running() ? 1 : 0, c.name());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("stow_container_healthy")
        .help(
            "1 when the container runs, is not restarting and is healthy (or has no"
                + " healthcheck), else 0")
        .labelNames("container")
        .callback(
            cb -> {
              for (HostStatus.Container c : host.get().status().containers()) {
                cb.call(healthy(c) ? 1 : 0, c.name());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("stow_container_restarts")
        .help("Docker's restart count of the container (0 again when it is recreated)")
        .labelNames("container")
        .callback(
            cb -> {
              for (HostStatus.Container c : host.get().status().containers()) {
                cb.call(c.restartCount(), c.name());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("stow_deployment_running")
        .help(
            "1 for the deployment the host runs, labelled with its name, commit and deployment"
                + " hash; absent when nothing is deployed")
        .labelNames("deployment", "commit", "deployment_hash")
        .callback(
            cb -> {
              HostStatus s = host.get().status();
              if (s.deploymentHash().isPresent()) {
                cb.call(
                    1,
                    s.deploymentName().orElse(""),
                    s.revision().orElse(""),
                    s.deploymentHash().get());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("stow_docker_up")
        .help("1 when the last reading of the host from Docker succeeded, else 0")
        .callback(cb -> cb.call(host.get().error().isEmpty() ? 1 : 0))
        .register(registry);
    GaugeWithCallback.builder()
        .name("stow_host_status_timestamp_seconds")
        .help("When the host status these values come from was read (Unix time)")
        .callback(
            cb -> {
              java.time.Instant at = host.get().readAt();
              cb.call(at.getEpochSecond() + at.getNano() / 1e9);
            })
        .register(registry);
  }

  /**
   * As verification sees one container at a glance: running, not restarting, healthy if checked.
   */
  static boolean healthy(HostStatus.Container c) {
    return c.running()
        && !c.state().equals("restarting")
        && c.health().map(h -> h.equals("healthy")).orElse(true);
  }
}
