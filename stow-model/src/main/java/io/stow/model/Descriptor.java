package io.stow.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed and validated {@code stow.yaml}: the deployment settings, the networks it declares and
 * the containers to run.
 */
public record Descriptor(
    DeploymentSettings deployment, List<NetworkSpec> networks, List<ContainerSpec> containers) {

  public Descriptor {
    Objects.requireNonNull(deployment, "deployment");
    networks = List.copyOf(networks);
    containers = List.copyOf(containers);
  }

  /** The container with this name, if the descriptor declares one. */
  public Optional<ContainerSpec> container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
