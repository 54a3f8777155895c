package io.stow.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What runs on the host now: the snapshot {@code running-config} points at and the containers that
 * carry its deployment's label, as Docker reports them. Read without the state lock.
 *
 * @param deploymentHash the running deployment hash; empty when nothing is deployed
 * @param snapshot the snapshot directory {@code running-config} resolves to
 * @param applyOpen whether an apply is open or was interrupted ({@code running-config.previous})
 */
public record HostStatus(
    Optional<String> deploymentName,
    Optional<String> deploymentHash,
    Optional<String> revision,
    Optional<Path> snapshot,
    boolean applyOpen,
    List<Container> containers) {

  public HostStatus {
    Objects.requireNonNull(deploymentName, "deploymentName");
    Objects.requireNonNull(deploymentHash, "deploymentHash");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(snapshot, "snapshot");
    containers = List.copyOf(containers);
  }

  /**
   * One container of the deployment.
   *
   * @param state Docker's state: running, restarting, exited, created, ...
   * @param health healthy, unhealthy or starting; empty without a healthcheck
   * @param hashLabel its {@code stow.hash} label, empty when missing
   */
  public record Container(
      String name,
      String state,
      boolean running,
      Optional<String> health,
      int restartCount,
      Optional<Instant> startedAt,
      Optional<String> hashLabel) {

    public Container {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(health, "health");
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(hashLabel, "hashLabel");
    }
  }
}
