package io.stow.docker;

import io.stow.model.ContainerSpec;
import io.stow.model.LoggingSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The create-time checks Docker makes against its own host: a CPU limit above the host's CPUs, a
 * log driver the engine does not offer (a plugin not installed, a driver this Docker version
 * lacks).
 */
final class CreateChecks {

  /** Capabilities newer than Docker 20.10 (API 1.41) knows, and the kernel that added each. */
  private static final Map<String, int[]> NEWER_CAPABILITIES =
      Map.of(
          "PERFMON", new int[] {5, 8},
          "BPF", new int[] {5, 8},
          "CHECKPOINT_RESTORE", new int[] {5, 9});

  private CreateChecks() {}

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Why this host's Docker would not know the capability, if it would not. */
  static Optional<String> unsupported(String capability, HostFacts.Facts facts) {
    int[] kernel = NEWER_CAPABILITIES.get(capability);
    if (kernel == null) {
      return Optional.empty();
    }
    if (olderThan(facts.apiVersion(), 1, 42)) {
      return Optional.of(
          "Docker with API " + facts.apiVersion() + " knows capabilities up to AUDIT_READ only");
    }
    if (olderThan(facts.kernel(), kernel[0], kernel[1])) {
      return Optional.of(
          "kernel " + facts.kernel() + " is older than " + kernel[0] + "." + kernel[1]);
    }
    return Optional.empty();
  }

  /** Whether a dotted version starts below major.minor; false when it cannot be read. */
  static boolean olderThan(String version, int major, int minor) {
    Matcher m = VERSION.matcher(version);
    if (!m.lookingAt()) {
      return false;
    }
    int haveMajor = Integer.parseInt(m.group(1));
    int haveMinor = Integer.parseInt(m.group(2));
    return haveMajor < major || haveMajor == major && haveMinor < minor;
  }

  private static final Pattern VERSION = Pattern.compile("([0-9]{1,4})\\.([0-9]{1,4})");

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
    for (String capability : concat(spec.capAdd(), spec.capDrop())) {
      unsupported(capability, facts)
          .ifPresent(
              why -> {
                throw new DockerOperationException(
                    "create",
                    request.name(),
                    "capability "
                        + capability
                        + " is unknown to this Docker host ("
                        + why
                        + "), so Docker would refuse the container. Nothing was changed: remove it"
                        + " from capAdd/capDrop or upgrade the host");
              });
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
