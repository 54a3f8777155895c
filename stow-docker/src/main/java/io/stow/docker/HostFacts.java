package io.stow.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What a create request depends on that only the engine knows: how many CPUs it has and which log
 * drivers (built in and plugins) it offers. Read from {@code docker info} and cached for a minute,
 * so a reconcile of many containers asks once.
 */
final class HostFacts {

  private static final long TTL_NANOS = 60_000_000_000L;

  private final DockerClient client;
  private final DockerErrors errors;
  private final LongSupplier nanoTime;
  private Facts cached;
  private long readAt;

  /**
   * The facts used by checks.
   *
   * @param cpus the engine's CPUs
   * @param logDrivers the log drivers it offers, plugins included
   * @param apiVersion its API version, e.g. {@code 1.41} (Docker 20.10)
   * @param kernel its kernel version, e.g. {@code 6.1.0-18-amd64}
   */
  record Facts(int cpus, List<String> logDrivers, String apiVersion, String kernel) {
    Facts {
      logDrivers = List.copyOf(logDrivers);
    }

    /** Whether the engine offers this log driver ({@code name} or {@code name:latest}). */
    boolean hasLogDriver(String driver) {
      return driver.equals("none")
          || logDrivers.contains(driver)
          || !driver.contains(":") && logDrivers.contains(driver + ":latest");
    }
  }

  HostFacts(DockerClient client, DockerErrors errors, LongSupplier nanoTime) {
    this.client = client;
    this.errors = errors;
    this.nanoTime = nanoTime;
  }

  synchronized Facts get() {
    long now = nanoTime.getAsLong();
    if (cached == null || now - readAt > TTL_NANOS) {
      Info info;
      try {
        info = client.infoCmd().exec();
      } catch (RuntimeException e) {
        throw errors.translate("info", "the engine", e);
      }
      int cpus =
          info.getNCPU() == null ? Runtime.getRuntime().availableProcessors() : info.getNCPU();
      List<String> drivers =
          info.getPlugins() == null ? List.of() : info.getPlugins().getOrDefault("Log", List.of());
      String api;
      try {
        api = client.versionCmd().exec().getApiVersion();
      } catch (RuntimeException e) {
        throw errors.translate("version", "the engine", e);
      }
      cached =
          new Facts(
              cpus,
              drivers == null ? List.of() : drivers,
              api == null ? "" : api,
              info.getKernelVersion() == null ? "" : info.getKernelVersion());
      readAt = now;
    }
    return cached;
  }
}
