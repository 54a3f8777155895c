package io.stow.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A parsed and validated deployment ({@code stow.yaml}, or a Compose file mapped onto the same
 * model): the deployment settings, the networks and named volumes it declares and the containers to
 * run.
 *
 * @param redactions values that came from outside the manifest (a Compose project's {@code .env},
 *     which may be decrypted secrets) and must never be shown: renderings of the descriptor replace
 *     every field that holds one
 */
public record Descriptor(
    DeploymentSettings deployment,
    List<NetworkSpec> networks,
    List<ContainerSpec> containers,
    List<NamedVolumeSpec> volumes,
    Set<String> redactions) {

  public Descriptor {
    Objects.requireNonNull(deployment, "deployment");
    networks = List.copyOf(networks);
    containers = List.copyOf(containers);
    volumes = List.copyOf(volumes);
    redactions = Set.copyOf(redactions);
  }

  /** A descriptor with no named volumes and nothing to redact: what stow.yaml describes. */
  public Descriptor(
      DeploymentSettings deployment, List<NetworkSpec> networks, List<ContainerSpec> containers) {
    this(deployment, networks, containers, List.of(), Set.of());
  }

  /**
   * Whether another container waits for this one to complete successfully, which makes it a job
   * that runs to completion (exit code 0) instead of a service that keeps running.
   */
  public boolean runsToCompletion(String container) {
    return jobs().contains(container);
  }

  /**
   * The containers that run to completion ({@link #runsToCompletion}), found in one pass: for
   * callers that ask about every container.
   */
  public Set<String> jobs() {
    return containers.stream()
        .flatMap(c -> c.dependsOn().stream())
        .filter(d -> d.condition() == Dependency.Condition.COMPLETED_SUCCESSFULLY)
        .map(Dependency::container)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Names redactions by count only: they are values that must never be shown. */
  @Override
  public String toString() {
    return "Descriptor[deployment="
        + deployment
        + ", networks="
        + networks
        + ", containers="
        + containers
        + ", volumes="
        + volumes
        + ", redactions="
        + redactions.size()
        + "]";
  }

  /** The container with this name, if the descriptor declares one. */
  public Optional<ContainerSpec> container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
