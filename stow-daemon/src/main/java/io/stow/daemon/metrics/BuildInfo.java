package io.stow.daemon.metrics;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** {@code stow_build_info{version}}: which stow answers. */
final class BuildInfo {

  private BuildInfo() {}

  static void register(PrometheusRegistry registry) {
    String version = BuildInfo.class.getPackage().getImplementationVersion();
    Info info =
        Info.builder()
            .name("stow_build_info")
            .help("The stow version of this daemon")
            .labelNames("version")
            .register(registry);
    info.setLabelValues(version == null ? "development" : version);
  }
}
