package io.stow.docker;

import io.stow.model.ObservedContainer;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Docker reports about one container: the facts the planner and the verifier look at.
 *
 * @param name the name without Docker's leading slash
 * @param image the image reference the container was created from
 * @param status Docker's state string: created, running, restarting, exited, ...
 * @param health healthy, unhealthy or starting; empty when the container has no healthcheck
 */
public record ContainerState(
    String id,
    String name,
    String image,
    Map<String, String> labels,
    String status,
    boolean running,
    boolean restarting,
    int restartCount,
    Optional<Integer> exitCode,
    Optional<String> health,
    Optional<Instant> startedAt) {

  public ContainerState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(exitCode, "exitCode");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** What the container list would say about this container. */
  public ObservedContainer summary() {
    return new ObservedContainer(id, name, image, labels, status, running, restarting, exitCode);
  }

  /** The value of a label, if set. */
  public Optional<String> label(String key) {
    return Optional.ofNullable(labels.get(key));
  }
}
