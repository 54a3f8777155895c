package io.stow.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PropagationMode;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.SELContext;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumeOptions;
import io.stow.model.BindOptions;
import io.stow.model.ContainerSpec;
import io.stow.model.ExtraHost;
import io.stow.model.HealthcheckSpec;
import io.stow.model.LoggingSpec;
import io.stow.model.NetworkEndpoint;
import io.stow.model.PortMapping;
import io.stow.model.PublishSpec;
import io.stow.model.TmpfsMount;
import io.stow.model.VolumeMount;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a {@link ContainerCreateRequest} onto Docker's create-container request, field by field,
 * from the typed values stow-model parsed and checked: nothing is parsed here.
 *
 * <p>The container is created from {@code repo:tag@sha256:digest}: Docker resolves it by digest,
 * {@code docker ps} shows the tag, and the container's {@code Config.Image} equals the descriptor's
 * image, so the planner can compare them as strings. Docker attaches one network at creation; the
 * rest of {@link ContainerSpec#networks()} is connected afterwards (see {@link
 * #additionalNetworks}), each with its own endpoint settings ({@link #endpoint}). For a service
 * built from the folder, the request's image is the tag the engine built.
 */
final class CreateContainerMapper {

  private CreateContainerMapper() {}

  /** Fills {@code cmd} from the request and returns it. */
  static CreateContainerCmd apply(ContainerCreateRequest request, CreateContainerCmd cmd) {
    ContainerSpec spec = request.spec();
    cmd.withName(spec.name())
        .withImage(request.image())
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
    List<ExposedPort> exposed = exposedPorts(spec.publish(), spec.runtime().expose());
    if (!exposed.isEmpty()) {
      cmd.withExposedPorts(exposed);
    }
    if (!spec.networks().isEmpty()) {
      NetworkEndpoint first = spec.endpoint(spec.networks().get(0));
      if (!first.aliases().isEmpty()) {
        cmd.withAliases(first.aliases());
      }
      first.ipv4Address().ifPresent(cmd::withIpv4Address);
      first.ipv6Address().ifPresent(cmd::withIpv6Address);
    }
    RuntimeMapper.apply(spec.runtime(), cmd);
    return cmd.withHostConfig(hostConfig(request));
  }

  /** The networks to connect after creation: every network but the first. */
  static List<String> additionalNetworks(ContainerSpec spec) {
    return spec.networks().size() <= 1
        ? List.of()
        : spec.networks().subList(1, spec.networks().size());
  }

  private static HostConfig hostConfig(ContainerCreateRequest request) {
    ContainerSpec spec = request.spec();
    HostConfig host = HostConfig.newHostConfig().withBinds(binds(request.binds()));
    spec.restartPolicy().ifPresent(p -> host.withRestartPolicy(restartPolicy(p)));
    spec.memory().filter(m -> m.bytes() > 0).ifPresent(m -> host.withMemory(m.bytes()));
    if (spec.nanoCpus() > 0) {
      host.withNanoCPUs(spec.nanoCpus());
    }
    spec.init().ifPresent(host::withInit);
    spec.logging().ifPresent(l -> host.withLogConfig(logConfig(l)));
    if (!spec.publish().isEmpty()) {
      host.withPortBindings(portBindings(spec.publish()));
    }
    if (!spec.networks().isEmpty()) {
      host.withNetworkMode(spec.networks().get(0));
    }
    spec.networkMode().ifPresent(host::withNetworkMode);
    if (!spec.volumeMounts().isEmpty()) {
      host.withMounts(spec.volumeMounts().stream().map(CreateContainerMapper::mount).toList());
    }
    RuntimeMapper.apply(spec.runtime(), host);
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
          spec.extraHosts().stream().map(ExtraHost::toString).toArray(String[]::new));
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
    return mounts.stream().map(CreateContainerMapper::bind).toList();
  }

  private static Bind bind(BindMount mount) {
    BindOptions options = mount.options();
    SELContext label =
        options
            .label()
            .map(l -> l.equals("z") ? SELContext.shared : SELContext.single)
            .orElse(SELContext.none);
    PropagationMode propagation =
        options
            .propagation()
            .map(p -> PropagationMode.valueOf(p.toUpperCase(Locale.ROOT)))
            .orElse(PropagationMode.DEFAULT_MODE);
    // consistency modes (cached, delegated) have no effect on Linux and are not sent
    return new Bind(
        mount.hostPath(),
        new Volume(mount.target()),
        options.readOnly() ? AccessMode.ro : AccessMode.rw,
        label,
        null,
        propagation);
  }

  static RestartPolicy restartPolicy(io.stow.model.RestartPolicy policy) {
    return switch (policy.mode()) {
      case NO -> RestartPolicy.noRestart();
      case ALWAYS -> RestartPolicy.alwaysRestart();
      case UNLESS_STOPPED -> RestartPolicy.unlessStoppedRestart();
      case ON_FAILURE -> RestartPolicy.onFailureRestart(policy.maximumRetryCount());
    };
  }

  static HealthCheck healthcheck(HealthcheckSpec spec) {
    HealthCheck check = new HealthCheck();
    if (spec.disable()) {
      return check.withTest(List.of("NONE"));
    }
    check.withTest(spec.test());
    spec.interval().ifPresent(d -> check.withInterval(DockerUnits.nanos(d)));
    spec.timeout().ifPresent(d -> check.withTimeout(DockerUnits.nanos(d)));
    spec.retries().ifPresent(check::withRetries);
    spec.startPeriod().ifPresent(d -> check.withStartPeriod(DockerUnits.nanos(d)));
    return check;
  }

  static LogConfig logConfig(LoggingSpec logging) {
    return new NamedLogConfig(logging.driver(), logging.options());
  }

  /** Normalised names ({@code NET_ADMIN}, {@code ALL}) as docker-java's constants. */
  static Capability[] capabilities(List<String> names) {
    return names.stream().map(Capability::valueOf).toArray(Capability[]::new);
  }

  static List<ExposedPort> exposedPorts(List<PublishSpec> publish) {
    return exposedPorts(publish, List.of());
  }

  /** Published ports, then the ports exposed only, each once. */
  static List<ExposedPort> exposedPorts(
      List<PublishSpec> publish, List<io.stow.model.ExposedPort> expose) {
    Set<ExposedPort> exposed = new LinkedHashSet<>();
    for (PublishSpec entry : publish) {
      for (PortMapping m : entry.mappings()) {
        exposed.add(exposedPort(m));
      }
    }
    for (io.stow.model.ExposedPort entry : expose) {
      for (int port = entry.ports().first(); port <= entry.ports().last(); port++) {
        exposed.add(new ExposedPort(port, InternetProtocol.parse(entry.protocol())));
      }
    }
    return List.copyOf(exposed);
  }

  /** The endpoint settings to connect {@code network} with: its aliases and fixed addresses. */
  static ContainerNetwork endpoint(ContainerSpec spec, String network) {
    NetworkEndpoint endpoint = spec.endpoint(network);
    ContainerNetwork settings = new ContainerNetwork().withAliases(endpoint.aliases());
    if (endpoint.ipv4Address().isPresent() || endpoint.ipv6Address().isPresent()) {
      settings.withIpamConfig(
          new ContainerNetwork.Ipam()
              .withIpv4Address(endpoint.ipv4Address().orElse(null))
              .withIpv6Address(endpoint.ipv6Address().orElse(null)));
    }
    return settings;
  }

  private static Mount mount(VolumeMount volume) {
    Mount mount =
        new Mount()
            .withType(MountType.VOLUME)
            .withTarget(volume.target())
            .withReadOnly(volume.readOnly());
    volume.volume().ifPresent(mount::withSource);
    if (volume.noCopy()) {
      mount.withVolumeOptions(new VolumeOptions().withNoCopy(true));
    }
    return mount;
  }

  static Ports portBindings(List<PublishSpec> publish) {
    Ports ports = new Ports();
    for (PublishSpec entry : publish) {
      for (PortMapping m : entry.mappings()) {
        ports.bind(exposedPort(m), new Ports.Binding(m.hostIp(), m.hostPort()));
      }
    }
    return ports;
  }

  private static ExposedPort exposedPort(PortMapping m) {
    return new ExposedPort(m.containerPort(), InternetProtocol.parse(m.protocol()));
  }

  static Map<String, String> tmpfs(List<TmpfsMount> mounts) {
    Map<String, String> result = new LinkedHashMap<>();
    mounts.forEach(m -> result.put(m.target(), m.options()));
    return result;
  }
}
