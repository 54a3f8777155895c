package io.stow.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One container of stow.yaml. The first block of components is compatible with the original tool;
 * the rest follow Compose semantics. Every value is parsed and checked as Docker would check it, so
 * an adapter maps the typed values without parsing again. Lists and maps keep the order written in
 * the file; {@code env} values may be secrets and never appear in {@link #toString()}.
 */
public record ContainerSpec(
    String name,
    ImageRef image,
    Optional<RestartPolicy> restartPolicy,
    Optional<MemorySize> memory,
    List<PublishSpec> publish,
    List<VolumeSpec> volumes,
    List<String> args,
    Map<String, String> env,
    Optional<List<String>> entrypoint,
    List<String> envFiles,
    Optional<String> user,
    Optional<String> workingDir,
    Optional<Boolean> init,
    Optional<HealthcheckSpec> healthcheck,
    List<String> networks,
    List<String> networkAliases,
    Map<String, String> labels,
    Optional<BigDecimal> cpus,
    boolean readOnlyRootfs,
    List<String> capAdd,
    List<String> capDrop,
    List<String> securityOpt,
    List<ExtraHost> extraHosts,
    List<TmpfsMount> tmpfs,
    Optional<Duration> stopTimeout,
    Optional<LoggingSpec> logging,
    Optional<BuildSpec> build,
    List<VolumeMount> volumeMounts,
    Map<String, NetworkEndpoint> endpoints,
    Optional<String> networkMode,
    List<Dependency> dependsOn,
    RuntimeSettings runtime) {

  public ContainerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(restartPolicy, "restartPolicy");
    Objects.requireNonNull(memory, "memory");
    publish = List.copyOf(publish);
    volumes = List.copyOf(volumes);
    args = List.copyOf(args);
    env = orderedCopy(env);
    entrypoint = entrypoint.map(List::copyOf);
    envFiles = List.copyOf(envFiles);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(healthcheck, "healthcheck");
    networks = List.copyOf(networks);
    networkAliases = List.copyOf(networkAliases);
    labels = orderedCopy(labels);
    Objects.requireNonNull(cpus, "cpus");
    capAdd = capAdd.stream().map(Capabilities::normalise).toList();
    capDrop = capDrop.stream().map(Capabilities::normalise).toList();
    securityOpt = List.copyOf(securityOpt);
    extraHosts = List.copyOf(extraHosts);
    tmpfs = List.copyOf(tmpfs);
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(build, "build");
    volumeMounts = List.copyOf(volumeMounts);
    endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    Objects.requireNonNull(networkMode, "networkMode");
    dependsOn = List.copyOf(dependsOn);
    Objects.requireNonNull(runtime, "runtime");
    cpus.ifPresent(ContainerSpec::checkCpus);
    networkMode
        .filter(m -> !m.startsWith(CONTAINER_MODE) || m.length() == CONTAINER_MODE.length())
        .ifPresent(
            m -> {
              throw new IllegalArgumentException(
                  "network mode '" + m + "' must be container:<name>; use networks for the rest");
            });
    if (networkMode.isPresent() && !networks.isEmpty()) {
      throw new IllegalArgumentException(
          "a container that shares another's network (" + networkMode.get() + ") joins no network");
    }
  }

  /** The network mode prefix for sharing another container's network namespace. */
  public static final String CONTAINER_MODE = "container:";

  /** The endpoint settings of one of {@link #networks()}: aliases and fixed addresses. */
  public NetworkEndpoint endpoint(String network) {
    NetworkEndpoint extra = endpoints.getOrDefault(network, NetworkEndpoint.DEFAULT);
    if (networkAliases.isEmpty()) {
      return extra;
    }
    List<String> aliases = new ArrayList<>(networkAliases);
    extra.aliases().stream().filter(a -> !aliases.contains(a)).forEach(aliases::add);
    return new NetworkEndpoint(aliases, extra.ipv4Address(), extra.ipv6Address());
  }

  private static void checkCpus(BigDecimal cpus) {
    if (cpus.signum() < 0) {
      throw new IllegalArgumentException("cpus must not be negative");
    }
    if (cpus.stripTrailingZeros().scale() > 9) {
      throw new IllegalArgumentException(
          "cpus " + cpus.toPlainString() + " is too precise; Docker takes at most nine decimals");
    }
    if (cpus.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000_000L)) > 0) {
      throw new IllegalArgumentException("cpus " + cpus.toPlainString() + " is too large");
    }
  }

  /** The CPU limit in Docker's unit, billionths of a CPU; 0 for none. */
  public long nanoCpus() {
    return cpus.map(c -> c.movePointRight(9).longValueExact()).orElse(0L);
  }

  /** Names only: env values may be secrets. */
  @Override
  public String toString() {
    return "ContainerSpec[name="
        + name
        + ", image="
        + image
        + ", env names="
        + env.keySet()
        + ", labels="
        + labels.keySet()
        + build.map(b -> ", build=" + b).orElse("")
        + "]";
  }

  private static Map<String, String> orderedCopy(Map<String, String> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** A builder with every optional field empty; handy for embedding and tests. */
  public static Builder builder(String name, ImageRef image) {
    return new Builder(name, image);
  }

  /** Builds a {@link ContainerSpec}; every field but name and image is optional. */
  public static final class Builder {
    private final String name;
    private final ImageRef image;
    private Optional<RestartPolicy> restartPolicy = Optional.empty();
    private Optional<MemorySize> memory = Optional.empty();
    private List<PublishSpec> publish = List.of();
    private final List<VolumeSpec> volumes = new ArrayList<>();
    private List<String> args = List.of();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Optional<List<String>> entrypoint = Optional.empty();
    private List<String> envFiles = List.of();
    private Optional<String> user = Optional.empty();
    private Optional<String> workingDir = Optional.empty();
    private Optional<Boolean> init = Optional.empty();
    private Optional<HealthcheckSpec> healthcheck = Optional.empty();
    private List<String> networks = List.of();
    private List<String> networkAliases = List.of();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private Optional<BigDecimal> cpus = Optional.empty();
    private boolean readOnlyRootfs;
    private List<String> capAdd = List.of();
    private List<String> capDrop = List.of();
    private List<String> securityOpt = List.of();
    private List<ExtraHost> extraHosts = List.of();
    private List<TmpfsMount> tmpfs = List.of();
    private Optional<Duration> stopTimeout = Optional.empty();
    private Optional<LoggingSpec> logging = Optional.empty();
    private Optional<BuildSpec> build = Optional.empty();
    private final List<VolumeMount> volumeMounts = new ArrayList<>();
    private final Map<String, NetworkEndpoint> endpoints = new LinkedHashMap<>();
    private Optional<String> networkMode = Optional.empty();
    private List<Dependency> dependsOn = List.of();
    private RuntimeSettings runtime = RuntimeSettings.NONE;

    private Builder(String name, ImageRef image) {
      this.name = name;
      this.image = image;
    }

    public Builder restartPolicy(RestartPolicy value) {
      restartPolicy = Optional.of(value);
      return this;
    }

    /** Parses the policy as stow.yaml does. */
    public Builder restartPolicy(String value) {
      return restartPolicy(RestartPolicy.parse(value));
    }

    public Builder memory(MemorySize value) {
      memory = Optional.of(value);
      return this;
    }

    /** Parses the size as stow.yaml does. */
    public Builder memory(String value) {
      return memory(MemorySize.parse(value));
    }

    /** Parses each entry as stow.yaml does. */
    public Builder publish(List<String> value) {
      return publishSpecs(value.stream().map(PublishSpec::parse).toList());
    }

    public Builder publishSpecs(List<PublishSpec> value) {
      publish = value;
      return this;
    }

    public Builder volume(VolumeSpec value) {
      volumes.add(value);
      return this;
    }

    public Builder args(List<String> value) {
      args = value;
      return this;
    }

    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    public Builder entrypoint(List<String> value) {
      entrypoint = Optional.of(value);
      return this;
    }

    public Builder envFiles(List<String> value) {
      envFiles = value;
      return this;
    }

    public Builder user(String value) {
      user = Optional.of(value);
      return this;
    }

    public Builder workingDir(String value) {
      workingDir = Optional.of(value);
      return this;
    }

    public Builder init(boolean value) {
      init = Optional.of(value);
      return this;
    }

    public Builder healthcheck(HealthcheckSpec value) {
      healthcheck = Optional.of(value);
      return this;
    }

    public Builder networks(List<String> value) {
      networks = value;
      return this;
    }

    public Builder networkAliases(List<String> value) {
      networkAliases = value;
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public Builder cpus(BigDecimal value) {
      cpus = Optional.of(value);
      return this;
    }

    public Builder readOnlyRootfs(boolean value) {
      readOnlyRootfs = value;
      return this;
    }

    /** Capability names in any case, with or without CAP_; kept normalised. */
    public Builder capAdd(List<String> value) {
      capAdd = value.stream().map(Capabilities::normalise).toList();
      return this;
    }

    /** Capability names in any case, with or without CAP_; kept normalised. */
    public Builder capDrop(List<String> value) {
      capDrop = value.stream().map(Capabilities::normalise).toList();
      return this;
    }

    public Builder securityOpt(List<String> value) {
      securityOpt = value;
      return this;
    }

    /** Parses each entry as stow.yaml does. */
    public Builder extraHosts(List<String> value) {
      return extraHostEntries(value.stream().map(ExtraHost::parse).toList());
    }

    public Builder extraHostEntries(List<ExtraHost> value) {
      extraHosts = value;
      return this;
    }

    /** Parses each entry as stow.yaml does. */
    public Builder tmpfs(List<String> value) {
      return tmpfsMounts(value.stream().map(TmpfsMount::parse).toList());
    }

    public Builder tmpfsMounts(List<TmpfsMount> value) {
      tmpfs = value;
      return this;
    }

    /** Adds one tmpfs mount after those set so far. */
    public Builder tmpfsMount(TmpfsMount value) {
      List<TmpfsMount> all = new ArrayList<>(tmpfs);
      all.add(value);
      tmpfs = all;
      return this;
    }

    public Builder stopTimeout(Duration value) {
      stopTimeout = Optional.of(value);
      return this;
    }

    public Builder logging(LoggingSpec value) {
      logging = Optional.of(value);
      return this;
    }

    public Builder build(BuildSpec value) {
      build = Optional.of(value);
      return this;
    }

    public Builder volumeMount(VolumeMount value) {
      volumeMounts.add(value);
      return this;
    }

    public Builder endpoint(String network, NetworkEndpoint value) {
      endpoints.put(network, value);
      return this;
    }

    public Builder networkMode(String value) {
      networkMode = Optional.of(value);
      return this;
    }

    public Builder dependsOn(List<Dependency> value) {
      dependsOn = value;
      return this;
    }

    public Builder runtime(RuntimeSettings value) {
      runtime = value;
      return this;
    }

    public ContainerSpec build() {
      return new ContainerSpec(
          name,
          image,
          restartPolicy,
          memory,
          publish,
          volumes,
          args,
          env,
          entrypoint,
          envFiles,
          user,
          workingDir,
          init,
          healthcheck,
          networks,
          networkAliases,
          labels,
          cpus,
          readOnlyRootfs,
          capAdd,
          capDrop,
          securityOpt,
          extraHosts,
          tmpfs,
          stopTimeout,
          logging,
          build,
          volumeMounts,
          endpoints,
          networkMode,
          dependsOn,
          runtime);
    }
  }
}
