package io.stow.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.SELContext;
import com.github.dockerjava.api.model.Volume;
import io.stow.model.ContainerSpec;
import io.stow.model.HealthcheckSpec;
import io.stow.model.LoggingSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Maps a {@link ContainerCreateRequest} onto Docker's create-container request, field by field.
 *
 * <p>The container is created from {@code repo:tag@sha256:digest}: Docker resolves it by digest,
 * {@code docker ps} shows the tag, and the container's {@code Config.Image} equals the descriptor's
 * image, so the planner can compare them as strings. Docker attaches one network at creation; the
 * rest of {@link ContainerSpec#networks()} is connected afterwards (see {@link
 * #additionalNetworks}), each with the same aliases.
 */
final class CreateContainerMapper {

  private CreateContainerMapper() {}

  /** Fills {@code cmd} from the request and returns it. */
  static CreateContainerCmd apply(ContainerCreateRequest request, CreateContainerCmd cmd) {
    ContainerSpec spec = request.spec();
    cmd.withName(spec.name())
        .withImage(spec.image().toString())
        .withLabels(new LinkedHashMap<>(request.labels()))
        .withEnv(env(request.env()));
    if (!spec.args().isEmpty()) {
      cmd.withCmd(spec.args());
    }
    // an empty entrypoint clears the image's, as `docker run --entrypoint ""` does
    spec.entrypoint().ifPresent(e -> cmd.withEntrypoint(e.isEmpty() ? List.of("") : e));
    spec.user().ifPresent(cmd::withUser);
    spec.workingDir().ifPresent(cmd::withWorkingDir);
    spec.healthcheck().ifPresent(h -> cmd.withHealthcheck(healthcheck(h)));
    spec.stopTimeout().ifPresent(t -> cmd.withStopTimeout(DockerUnits.seconds(t)));
    PortPublishing ports = PortPublishing.parse(spec.publish());
    if (!spec.publish().isEmpty()) {
      cmd.withExposedPorts(ports.exposedPorts());
    }
    if (!spec.networks().isEmpty() && !spec.networkAliases().isEmpty()) {
      cmd.withAliases(spec.networkAliases());
    } else if (!spec.networkAliases().isEmpty()) {
      throw new IllegalArgumentException(
          "container "
              + spec.name()
              + " has networkAliases but no networks; aliases need a user-defined network");
    }
    return cmd.withHostConfig(hostConfig(request, ports));
  }

  /** The networks to connect after creation: every network but the first. */
  static List<String> additionalNetworks(ContainerSpec spec) {
    return spec.networks().size() <= 1
        ? List.of()
        : spec.networks().subList(1, spec.networks().size());
  }

  private static HostConfig hostConfig(ContainerCreateRequest request, PortPublishing ports) {
    ContainerSpec spec = request.spec();
    HostConfig host = HostConfig.newHostConfig().withBinds(binds(request.binds()));
    spec.restartPolicy().ifPresent(p -> host.withRestartPolicy(restartPolicy(p)));
    spec.memory().ifPresent(m -> host.withMemory(DockerUnits.memoryBytes(m)));
    spec.cpus().ifPresent(c -> host.withNanoCPUs(DockerUnits.nanoCpus(c)));
    spec.init().ifPresent(host::withInit);
    spec.logging().ifPresent(l -> host.withLogConfig(logConfig(l)));
    if (!spec.publish().isEmpty()) {
      host.withPortBindings(ports.bindings());
    }
    if (!spec.networks().isEmpty()) {
      host.withNetworkMode(spec.networks().get(0));
    }
    if (spec.readOnlyRootfs()) {
      host.withReadonlyRootfs(true);
    }
    if (!spec.capAdd().isEmpty()) {
      host.withCapAdd(capabilities(spec.capAdd()));
    }
    if (!spec.capDrop().isEmpty()) {
      host.withCapDrop(capabilities(spec.capDrop()));
    }
    if (!spec.securityOpt().isEmpty()) {
      host.withSecurityOpts(spec.securityOpt());
    }
    if (!spec.extraHosts().isEmpty()) {
      host.withExtraHosts(
          spec.extraHosts().stream().map(CreateContainerMapper::extraHost).toArray(String[]::new));
    }
    if (!spec.tmpfs().isEmpty()) {
      host.withTmpFs(tmpfs(spec.tmpfs()));
    }
    return host;
  }

  static List<String> env(Map<String, String> env) {
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  static List<Bind> binds(List<BindMount> mounts) {
    return mounts.stream()
        .map(
            m ->
                new Bind(
                    m.hostPath(),
                    new Volume(m.target()),
                    m.readOnly() ? AccessMode.ro : AccessMode.rw,
                    m.selinux().map(CreateContainerMapper::selinux).orElse(SELContext.none)))
        .toList();
  }

  private static SELContext selinux(String label) {
    return switch (label) {
      case "z" -> SELContext.shared;
      case "Z" -> SELContext.single;
      default ->
          throw new IllegalArgumentException(
              "selinux '" + label + "' is invalid; use z (shared) or Z (private)");
    };
  }

  /**
   * {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure} or {@code on-failure:N}.
   */
  static RestartPolicy restartPolicy(String value) {
    String policy = value.strip();
    if (policy.startsWith("on-failure:")) {
      String count = policy.substring("on-failure:".length());
      if (!count.matches("[0-9]{1,9}")) {
        throw new IllegalArgumentException(
            "restartPolicy '" + value + "' is invalid; write on-failure:N with N a whole number");
      }
      return RestartPolicy.onFailureRestart(Integer.parseInt(count));
    }
    return switch (policy) {
      case "no" -> RestartPolicy.noRestart();
      case "always" -> RestartPolicy.alwaysRestart();
      case "unless-stopped" -> RestartPolicy.unlessStoppedRestart();
      case "on-failure" -> RestartPolicy.onFailureRestart(0);
      default ->
          throw new IllegalArgumentException(
              "restartPolicy '"
                  + value
                  + "' is invalid; use no, always, unless-stopped, on-failure or on-failure:N");
    };
  }

  static HealthCheck healthcheck(HealthcheckSpec spec) {
    HealthCheck check = new HealthCheck();
    if (spec.disable()) {
      return check.withTest(List.of("NONE"));
    }
    if (!spec.test().isEmpty()) {
      check.withTest(spec.test());
    }
    spec.interval().ifPresent(d -> check.withInterval(DockerUnits.nanos(d)));
    spec.timeout().ifPresent(d -> check.withTimeout(DockerUnits.nanos(d)));
    spec.retries().ifPresent(check::withRetries);
    spec.startPeriod().ifPresent(d -> check.withStartPeriod(DockerUnits.nanos(d)));
    return check;
  }

  static LogConfig logConfig(LoggingSpec logging) {
    LogConfig.LoggingType type = LogConfig.LoggingType.fromValue(logging.driver());
    if (type == null) {
      throw new IllegalArgumentException(
          "logging driver '"
              + logging.driver()
              + "' is not supported; use one of "
              + Arrays.stream(LogConfig.LoggingType.values())
                  .map(LogConfig.LoggingType::getType)
                  .distinct()
                  .collect(Collectors.joining(", ")));
    }
    return new LogConfig(type, new LinkedHashMap<>(logging.options()));
  }

  /** {@code NET_ADMIN} or {@code CAP_NET_ADMIN}, any case; {@code ALL} too. */
  static Capability[] capabilities(List<String> names) {
    return names.stream().map(CreateContainerMapper::capability).toArray(Capability[]::new);
  }

  private static Capability capability(String name) {
    String normalised = name.strip().toUpperCase(Locale.ROOT);
    if (normalised.startsWith("CAP_")) {
      normalised = normalised.substring("CAP_".length());
    }
    try {
      return Capability.valueOf(normalised);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "capability '" + name + "' is unknown; use a Linux capability name such as NET_ADMIN", e);
    }
  }

  /** Compose's {@code host=ip} becomes Docker's {@code host:ip}. */
  static String extraHost(String entry) {
    int eq = entry.indexOf('=');
    return eq < 0 ? entry : entry.substring(0, eq) + ":" + entry.substring(eq + 1);
  }

  /** {@code /run} or {@code /run:size=64m,mode=1777}. */
  static Map<String, String> tmpfs(List<String> entries) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String entry : entries) {
      int colon = entry.indexOf(':');
      String path = colon < 0 ? entry : entry.substring(0, colon);
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException(
            "tmpfs '" + entry + "' is invalid; the mount point must be an absolute path");
      }
      result.put(path, colon < 0 ? "" : entry.substring(colon + 1));
    }
    return result;
  }
}
