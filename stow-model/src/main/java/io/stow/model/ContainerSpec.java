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
 * the rest follow Compose semantics. Lists and maps keep the order written in the file; {@code env}
 * values may be secrets and must never be logged.
 */
public record ContainerSpec(
    String name,
    ImageRef image,
    Optional<String> restartPolicy,
    Optional<String> memory,
    List<String> publish,
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
    List<String> extraHosts,
    List<String> tmpfs,
    Optional<Duration> stopTimeout,
    Optional<LoggingSpec> logging) {

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
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    securityOpt = List.copyOf(securityOpt);
    extraHosts = List.copyOf(extraHosts);
    tmpfs = List.copyOf(tmpfs);
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Objects.requireNonNull(logging, "logging");
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
    private Optional<String> restartPolicy = Optional.empty();
    private Optional<String> memory = Optional.empty();
    private List<String> publish = List.of();
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
    private List<String> extraHosts = List.of();
    private List<String> tmpfs = List.of();
    private Optional<Duration> stopTimeout = Optional.empty();
    private Optional<LoggingSpec> logging = Optional.empty();

    private Builder(String name, ImageRef image) {
      this.name = name;
      this.image = image;
    }

    public Builder restartPolicy(String value) {
      restartPolicy = Optional.of(value);
      return this;
    }

    public Builder memory(String value) {
      memory = Optional.of(value);
      return this;
    }

    public Builder publish(List<String> value) {
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

    public Builder capAdd(List<String> value) {
      capAdd = value;
      return this;
    }

    public Builder capDrop(List<String> value) {
      capDrop = value;
      return this;
    }

    public Builder securityOpt(List<String> value) {
      securityOpt = value;
      return this;
    }

    public Builder extraHosts(List<String> value) {
      extraHosts = value;
      return this;
    }

    public Builder tmpfs(List<String> value) {
      tmpfs = value;
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
          logging);
    }
  }
}
