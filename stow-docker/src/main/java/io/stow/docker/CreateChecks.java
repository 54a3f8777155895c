package io.stow.docker;

import io.stow.model.ContainerSpec;
import io.stow.model.LoggingSpec;
import java.math.BigDecimal;

/**
 * The create-time checks Docker makes against its own host: a CPU limit above the host's CPUs, a
 * log driver the engine does not offer (a plugin not installed, a driver this Docker version
 * lacks).
 */
final class CreateChecks {

  private CreateChecks() {}

  /**
   * @throws DockerOperationException naming the container, the value and the host's limit
   */
  static void againstHost(ContainerCreateRequest request, HostFacts.Facts facts) {
    ContainerSpec spec = request.spec();
    if (spec.nanoCpus() > facts.cpus() * 1_000_000_000L) {
      throw new DockerOperationException(
          "create",
          request.name(),
          "cpus "
              + spec.cpus().map(BigDecimal::toPlainString).orElse("")
              + " is more than the "
              + facts.cpus()
              + " CPUs this Docker host has; Docker would refuse the container. Nothing was"
              + " changed: lower cpus in stow.yaml");
    }
    spec.logging()
        .map(LoggingSpec::driver)
        .filter(driver -> !facts.hasLogDriver(driver))
        .ifPresent(
            driver -> {
              throw new DockerOperationException(
                  "create",
                  request.name(),
                  "the log driver '"
                      + driver
                      + "' is not available on this Docker host (it offers "
                      + String.join(", ", facts.logDrivers())
                      + "); install the plugin (docker plugin install) or choose another driver."
                      + " Nothing was changed");
            });
  }
}
